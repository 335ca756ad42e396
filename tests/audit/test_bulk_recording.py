"""Many events at once: one insert and one move of the head, and the chain still verifies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palermo.audit.log import new_entry, record_event, record_events, recording_in_bulk
from palermo.audit.models import AuditEntry, AuditHead
from palermo.audit.verify import verify_chain


def test_events_recorded_in_bulk_continue_the_chain(db: None) -> None:
    record_event(None, "before", "test")

    written = record_events(new_entry(None, "bulk", "test", str(n)) for n in range(300))
    record_event(None, "after", "test")

    assert written == 300
    assert list(AuditEntry.objects.values_list("sequence", flat=True)) == list(range(1, 303))
    assert verify_chain().intact
    assert AuditHead.objects.get().sequence == 302


def test_a_bulk_write_takes_a_handful_of_queries_whatever_its_size(db: None) -> None:
    entries = [new_entry(None, "bulk", "test", str(n)) for n in range(900)]
    with CaptureQueriesContext(connection) as queries:
        record_events(entries)
    # savepoint, head lock (get_or_create), pending reads to fold, one insert, head update
    assert len(queries) <= 9


def test_events_inside_a_bulk_block_are_held_then_written_in_order(db: None) -> None:
    with recording_in_bulk():
        for n in range(5):
            record_event(None, "held", "test", str(n))
        assert not AuditEntry.objects.exists()

    assert list(AuditEntry.objects.values_list("object_ref", flat=True)) == list("01234")
    assert verify_chain().intact


def import_that_breaks() -> None:
    with recording_in_bulk():
        record_event(None, "held", "test")
        raise RuntimeError("the import broke")


def test_a_failed_bulk_block_records_nothing(db: None) -> None:
    with pytest.raises(RuntimeError, match="broke"):
        import_that_breaks()

    assert not AuditEntry.objects.exists()
    record_event(None, "later", "test")
    assert verify_chain().intact
