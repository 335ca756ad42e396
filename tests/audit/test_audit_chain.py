"""The audit trail is append-only and tamper-evident."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from palermo.audit.log import record_event
from palermo.audit.models import AppendOnlyError, AuditEntry
from palermo.audit.verify import verify_chain


def write_entries(count: int) -> list[AuditEntry]:
    return [record_event(None, "read", "victim_case", f"VC-{n}") for n in range(count)]


@contextmanager
def tampering() -> Iterator[Any]:
    """A cursor as someone who owns the database: on PostgreSQL they first switch off the
    append-only trigger (the test's transaction switches it back on)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
        yield cursor


def test_an_untouched_chain_verifies(db: None) -> None:
    write_entries(5)

    report = verify_chain()

    assert report.intact
    assert report.entries_checked == 5


def test_editing_a_row_directly_breaks_verification_at_that_row(db: None) -> None:
    entries = write_entries(6)
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET object_ref = %s WHERE sequence = %s",
            ["VC-forged", entries[3].sequence],
        )

    report = verify_chain()

    assert report.first_broken_sequence == entries[3].sequence
    assert "changed" in report.problem
    with pytest.raises(CommandError, match=f"broken at entry {entries[3].sequence}"):
        call_command("audit", "verify")


def test_deleting_a_row_directly_is_detected(db: None) -> None:
    entries = write_entries(4)
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence = %s", [entries[1].sequence])

    report = verify_chain()

    assert report.first_broken_sequence == entries[1].sequence + 1
    assert "missing" in report.problem


def test_removing_the_newest_rows_is_detected(db: None) -> None:
    entries = write_entries(4)
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence = %s", [entries[-1].sequence])

    assert not verify_chain().intact


def test_the_model_refuses_changes_and_deletes(db: None) -> None:
    entry = write_entries(1)[0]
    entry.reason = "rewritten"

    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(reason="x")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET object_ref = 'VC-forged'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_postgresql_itself_refuses_changes_and_deletes(db: None, statement: str) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    write_entries(2)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert AuditEntry.objects.count() == 2
    assert verify_chain().intact
