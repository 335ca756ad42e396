"""`palermo rotate-keys` re-encrypts every personal field under a new key and loses nothing."""

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from palermo.accounts.models import User
from palermo.privacy.keys import forget_keyring
from palermo.privacy.rotation import raw_key_ids_in_use
from palermo.registry.models import Person
from palermo.workdir import new_keyring_json


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


def test_rotation_re_encrypts_everything_and_retires_the_old_key(
    key_file: Path, make_user: Callable[..., User]
) -> None:
    agency = make_user("worker", "welfare", "case_worker").agency
    for number in range(12):
        Person.objects.create(
            given_name=f"Name{number}",
            family_name="Rotated",
            narrative="story",
            document_numbers=[{"number": f"D{number:07d}"}],
            recorded_by_agency=agency,
        )
    old_key = json.loads(key_file.read_text())["primary"]
    assert raw_key_ids_in_use() == {old_key}

    call_command("rotate_keys", stdout=io.StringIO(), stderr=io.StringIO())

    ring = json.loads(key_file.read_text())
    assert ring["primary"] != old_key
    assert list(ring["encryption_keys"]) == [ring["primary"]]
    assert raw_key_ids_in_use() == {ring["primary"]}
    assert sorted(p.given_name for p in Person.objects.all()) == sorted(
        f"Name{n}" for n in range(12)
    )
    assert Person.objects.with_document_number("D0000003").exists()


def test_a_key_file_readable_by_others_is_refused(
    key_file: Path, make_user: Callable[..., User]
) -> None:
    key_file.chmod(0o644)
    forget_keyring()
    agency = make_user("worker", "welfare", "case_worker").agency

    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="chmod 600"):
        Person.objects.create(given_name="X", recorded_by_agency=agency)


def test_rotation_refuses_keys_from_the_environment(db: None) -> None:
    with pytest.raises(CommandError, match="PALERMO_DATA_KEYS"):
        call_command("rotate_keys")


def test_rotation_re_encrypts_documents_too(key_file: Path, make_user: Callable[..., User]) -> None:
    from palermo.registry.models import Document, VictimCase

    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="A", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)
    pdf = b"%PDF-1.4 synthetic test document"
    Document.store(case, pdf, "application/pdf", "statement.pdf", worker)

    call_command("rotate_keys", stdout=io.StringIO(), stderr=io.StringIO())

    ring = json.loads(key_file.read_text())
    assert raw_key_ids_in_use() == {ring["primary"]}
    assert Document.objects.get().read_content() == pdf
