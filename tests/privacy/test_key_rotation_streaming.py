"""Key rotation holds one document at a time, reads key ids from the headers, and leaves a trace
when it is interrupted, which the next run reports and finishes."""

import io
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.privacy.keys import forget_keyring
from palermo.privacy.rotation import raw_key_ids_in_use, reencrypt_binaries
from palermo.registry.models import Document, Person, VictimCase
from palermo.workdir import new_keyring_json

MIB = 1024 * 1024
DOCUMENTS = 12


@pytest.fixture
def key_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data_keys.json"
    path.write_text(new_keyring_json())
    path.chmod(0o600)
    saved = settings.PALERMO_DATA_KEYS, settings.PALERMO_DATA_KEY_FILE
    settings.PALERMO_DATA_KEYS, settings.PALERMO_DATA_KEY_FILE = "", path
    forget_keyring()
    yield path
    settings.PALERMO_DATA_KEYS, settings.PALERMO_DATA_KEY_FILE = saved
    forget_keyring()


@pytest.fixture
def documents(key_file: Path, make_user: Callable[..., User]) -> list[Document]:
    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency)
    return [
        Document.store(case, bytes([n]) * MIB, "pdf", f"scan-{n}.pdf", worker)
        for n in range(DOCUMENTS)
    ]


def peak_mib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()


def test_re_encrypting_documents_holds_a_few_of_them_at_most(
    documents: list[Document], key_file: Path
) -> None:
    call_command("rotate_keys", "--keep-old", stdout=io.StringIO())  # a new primary key
    primary = json.loads(key_file.read_text())["primary"]

    # 12 MiB of documents; the peak stays near one document (its plaintext and ciphertext).
    assert peak_mib(reencrypt_binaries) < 6
    assert peak_mib(raw_key_ids_in_use) < 2
    assert {
        bytes(d).split(b":", 2)[1].decode()
        for d in Document.objects.values_list("content", flat=True)
    } == {primary}
    assert Document.objects.get(pk=documents[3].pk).read_content() == bytes([3]) * MIB


def test_an_interrupted_rotation_is_recorded_and_finished_next_time(
    documents: list[Document], key_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: Any, **kwargs: Any) -> int:
        raise KeyboardInterrupt  # as a kill in the middle

    monkeypatch.setattr("palermo.core.management.commands.rotate_keys.reencrypt_everything", crash)
    with pytest.raises(KeyboardInterrupt):
        call_command("rotate_keys", stdout=io.StringIO())
    started = AuditEntry.objects.get(action="rotate_keys_started")
    monkeypatch.undo()

    out = io.StringIO()
    call_command("rotate_keys", stdout=out)

    assert f"a rotation to key {started.object_ref} was interrupted" in out.getvalue()
    ring = json.loads(key_file.read_text())
    assert raw_key_ids_in_use() == {ring["primary"]}
    assert Document.objects.get(pk=documents[0].pk).read_content() == bytes([0]) * MIB
