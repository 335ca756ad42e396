"""Reads are recorded without the chain's lock and folded into the chain later (issue 12)."""

import pytest
from django.db import connection

from palermo.audit.log import record_event, record_read
from palermo.audit.models import AuditEntry, AuditHead, PendingRead
from palermo.audit.reads import fold_pending_reads
from palermo.audit.verify import verify_chain


def test_a_read_leaves_the_chain_head_alone_until_it_is_folded(db: None) -> None:
    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    assert not AuditHead.objects.filter(sequence__gt=0).exists()
    assert PendingRead.objects.count() == 1
    assert fold_pending_reads() == 1
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_ref, entry.sequence) == ("read", "VC-1", 1)
    assert not PendingRead.objects.exists()
    assert verify_chain().intact


def test_a_change_chains_the_reads_recorded_before_it_first(db: None) -> None:
    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    record_read(None, "victim_case", "VC-2")  # type: ignore[arg-type]
    record_event(None, "update", "victim_case", "VC-1")
    chained = list(AuditEntry.objects.values_list("action", "object_ref"))
    assert chained == [("read", "VC-1"), ("read", "VC-2"), ("update", "VC-1")]
    assert verify_chain().intact


def test_verify_folds_the_pending_reads_and_counts_them(db: None) -> None:
    record_event(None, "create", "victim_case", "VC-1")
    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    report = verify_chain()
    assert report.intact
    assert report.entries_checked == 2


def test_an_edited_pending_read_is_never_chained_and_verify_reports_it(db: None) -> None:
    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    with connection.cursor() as cursor:  # past the model, as someone at the database would
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_pendingread DISABLE TRIGGER USER")
        cursor.execute("UPDATE audit_pendingread SET object_ref = 'VC-9'")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_pendingread ENABLE TRIGGER USER")
    report = verify_chain()
    assert not report.intact
    assert "pending read" in report.problem
    assert not AuditEntry.objects.exists()


def test_an_edited_read_is_caught_after_the_fold_like_any_entry(db: None) -> None:
    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    record_read(None, "victim_case", "VC-2")  # type: ignore[arg-type]
    fold_pending_reads()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        cursor.execute("UPDATE audit_auditentry SET object_ref = 'VC-9' WHERE sequence = 1")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")
    report = verify_chain()
    assert report.first_broken_sequence == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_to_change_a_pending_read(db: None) -> None:
    from django.db import DatabaseError, transaction

    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        PendingRead.objects.update(object_ref="VC-9")


def test_the_worker_folds_the_reads_on_its_heartbeat(transactional_db: None) -> None:
    from palermo.core.management.commands.worker import _fold_reads

    record_read(None, "victim_case", "VC-1")  # type: ignore[arg-type]
    _fold_reads()
    assert list(AuditEntry.objects.values_list("action", "object_ref")) == [("read", "VC-1")]
    assert not PendingRead.objects.exists()
