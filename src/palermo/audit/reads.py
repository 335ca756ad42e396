"""Reads are audited without serialising readers.

Appending to the keyed chain needs the head row's lock, and every detail page, search and
document download is a read: under load the readers queued behind one another for that lock.
So a read is first written to `PendingRead` (one insert, its own keyed hash, no lock) and folded
into the chain later, in order and in batches, by whoever holds the head lock anyway: every
recorded change, the worker (every few seconds), `palermo audit checkpoint` / `verify` and the
audit trail page. docs/audit.md states what is guaranteed before and after the fold.
"""

import logging

from django.db import transaction

from palermo.audit.checkpoints import checkpoint_when_due
from palermo.audit.models import AuditEntry, AuditHead, PendingRead

# How many pending reads one fold moves per round trip (bounded memory).
FOLD_BATCH = 5000

logger = logging.getLogger(__name__)


def record_pending_read(entry: AuditEntry) -> PendingRead:
    """Store a read (an entry from `log.new_entry`) outside the chain, hashed with the key."""
    read = PendingRead(
        at=entry.at,
        actor_id=entry.actor_id,
        actor=entry.actor,
        agency=entry.agency,
        object_type=entry.object_type,
        object_ref=entry.object_ref,
        reason=entry.reason,
        changes=entry.changes,
    )
    read.read_hash = read.computed_hash()
    read.save()
    return read


def fold_pending_reads() -> int:
    """Move every committed pending read into the chain; returns how many were folded."""
    if not PendingRead.objects.exists():
        return 0  # nothing to fold: no lock taken
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        sequence, tip = chain_pending_reads(head.sequence, head.entry_hash)
        if sequence != head.sequence:
            AuditHead.objects.filter(pk=1).update(sequence=sequence, entry_hash=tip)
            checkpoint_when_due(head.sequence, sequence, tip)
    return sequence - head.sequence


def chain_pending_reads(sequence: int, tip: str) -> tuple[int, str]:
    """Append the pending reads after (`sequence`, `tip`) and delete them; the caller holds the
    head row's lock and moves the head to the (sequence, hash) returned.

    A pending read whose keyed hash no longer holds was changed in the database: it is left
    where it is (never blessed into the chain) and `palermo audit verify` reports it."""
    after = 0
    while True:
        rows = list(PendingRead.objects.filter(pk__gt=after).order_by("pk")[:FOLD_BATCH])
        if not rows:
            return sequence, tip
        after = rows[-1].pk
        intact = [row for row in rows if row.computed_hash() == row.read_hash]
        if len(intact) < len(rows):
            logger.error("audit: %d pending reads fail their keyed hash", len(rows) - len(intact))
        entries = []
        for row in intact:
            entry = row.as_entry()
            sequence += 1
            entry.sequence, entry.previous_hash = sequence, tip
            entry.entry_hash = tip = entry.computed_hash()
            entries.append(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=1000)
        PendingRead.objects.filter(pk__in=[row.pk for row in intact]).delete()


def tampered_pending_read() -> PendingRead | None:
    """The first pending read whose keyed hash does not hold (checked by `audit verify`)."""
    for row in PendingRead.objects.order_by("pk").iterator(chunk_size=2000):
        if row.computed_hash() != row.read_hash:
            return row
    return None
