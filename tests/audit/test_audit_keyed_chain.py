"""Someone who can write to the database but holds no audit key cannot rewrite the trail:
edits (with the later hashes recomputed), reordering and truncation are all detected."""

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from palermo.audit.log import record_event
from palermo.audit.models import AuditEntry
from palermo.audit.verify import verify_chain
from tests.audit.test_audit_chain import tampering, write_entries


def unkeyed_rechain(from_sequence: int) -> None:
    """What the old chain allowed: edit, then recompute every later hash with plain SHA-256."""
    entries = list(AuditEntry.objects.order_by("sequence"))
    previous = entries[from_sequence - 2].entry_hash if from_sequence > 1 else "0" * 64
    with tampering() as cursor:
        for entry in entries[from_sequence - 1 :]:
            entry.previous_hash = previous
            canonical = json.dumps(entry.content(), sort_keys=True, separators=(",", ":"))
            entry.entry_hash = hashlib.sha256(canonical.encode()).hexdigest()
            cursor.execute(
                "UPDATE audit_auditentry SET object_ref = %s, previous_hash = %s, "
                "entry_hash = %s WHERE sequence = %s",
                [entry.object_ref, previous, entry.entry_hash, entry.sequence],
            )
            previous = entry.entry_hash
        cursor.execute("UPDATE audit_audithead SET entry_hash = %s", [previous])


def test_an_edit_with_every_later_hash_recomputed_is_detected(db: None) -> None:
    write_entries(6)
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_ref = 'VC-forged' WHERE sequence = 3")
    unkeyed_rechain(3)

    report = verify_chain()

    assert report.first_broken_sequence == 3
    assert "changed" in report.problem


def test_the_hash_depends_on_a_key_outside_the_database(db: None, settings: Any) -> None:
    entry = write_entries(1)[0]
    settings.PALERMO_AUDIT_KEY = "A" * 43 + "="

    assert entry.computed_hash() != entry.entry_hash


def test_reordering_entries_is_detected(db: None) -> None:
    write_entries(5)
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET sequence = -2 WHERE sequence = 2")
        cursor.execute("UPDATE audit_auditentry SET sequence = 2 WHERE sequence = 3")
        cursor.execute("UPDATE audit_auditentry SET sequence = 3 WHERE sequence = -2")

    assert verify_chain().first_broken_sequence == 2


def test_removing_the_newest_entries_and_repointing_the_head_is_detected(
    db: None, checkpoints_in_a_temporary_folder: Path
) -> None:
    write_entries(5)
    call_command("audit", "checkpoint")
    write_entries(2)
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence > 3")
        head = AuditEntry.objects.get(sequence=3)
        cursor.execute(
            "UPDATE audit_audithead SET sequence = 3, entry_hash = %s", [head.entry_hash]
        )

    report = verify_chain()

    assert not report.intact
    assert "removed" in report.problem
    with pytest.raises(CommandError, match="entries up to 5 were removed"):
        call_command("audit", "verify")


def test_a_forged_checkpoint_is_refused(db: None, checkpoints_in_a_temporary_folder: Path) -> None:
    write_entries(3)
    call_command("audit", "checkpoint")
    line = json.loads(checkpoints_in_a_temporary_folder.read_text())
    line["sequence"] = 2
    checkpoints_in_a_temporary_folder.write_text(json.dumps(line) + "\n")

    assert "not a checkpoint signed" in verify_chain().problem


def test_checkpoints_are_written_as_entries_commit(
    db: None,
    settings: Any,
    checkpoints_in_a_temporary_folder: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PALERMO_AUDIT_CHECKPOINT_EVERY = 2
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            record_event(None, "read", "victim_case", f"VC-{n}")

    lines = checkpoints_in_a_temporary_folder.read_text().splitlines()
    assert [json.loads(line)["sequence"] for line in lines] == [2, 4]
    assert checkpoints_in_a_temporary_folder.stat().st_mode & 0o777 == 0o600
    assert verify_chain().checkpoints_checked == 2


def test_verify_reports_entries_and_checkpoints(
    db: None, capsys: Any, checkpoints_in_a_temporary_folder: Path
) -> None:
    write_entries(3)
    call_command("audit", "checkpoint")

    call_command("audit", "verify")

    assert "3 entries verified, 1 signed checkpoints match" in capsys.readouterr().out
