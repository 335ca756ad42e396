"""The one place audit events are emitted from."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from palermo.audit.checkpoints import checkpoint_when_due
from palermo.audit.models import AuditEntry, AuditHead, PendingRead
from palermo.audit.reads import chain_pending_reads, record_pending_read

if TYPE_CHECKING:
    from palermo.accounts.models import User


def record_event(
    user: "User | None",
    action: str,
    object_type: str,
    object_ref: str = "",
    *,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. `changes` must never hold personal values.

    Inside `recording_in_bulk()`, the entry is held and written with the others of the batch."""
    entry = new_entry(user, action, object_type, object_ref, reason=reason, changes=changes)
    pending = _batch.get()
    if pending is not None:
        pending.append(entry)
        if len(pending) >= BATCH_SIZE:
            record_events(pending)
            pending.clear()
        return entry
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        # The head is locked anyway: reads recorded since the last fold go in first.
        sequence, tip = chain_pending_reads(head.sequence, head.entry_hash)
        entry.sequence, entry.previous_hash = sequence + 1, tip
        entry.entry_hash = entry.computed_hash()
        entry.save()
        AuditHead.objects.filter(pk=1).update(sequence=entry.sequence, entry_hash=entry.entry_hash)
        checkpoint_when_due(head.sequence, entry.sequence, entry.entry_hash)
    return entry


def record_read(
    user: "User",
    object_type: str,
    object_ref: str,
    reason: str = "",
    *,
    changes: dict[str, Any] | None = None,
) -> AuditEntry | PendingRead:
    """Record a read without taking the chain's lock (see palermo.audit.reads); inside
    `recording_in_bulk()` it is chained with the batch like any event."""
    if _batch.get() is not None:
        return record_event(user, "read", object_type, object_ref, reason=reason, changes=changes)
    entry = new_entry(user, "read", object_type, object_ref, reason=reason, changes=changes)
    return record_pending_read(entry)


# How many held entries are written at once: bounded memory, few round trips.
BATCH_SIZE = 5000
_batch: ContextVar[list[AuditEntry] | None] = ContextVar("audit_batch", default=None)


def new_entry(
    user: "User | None",
    action: str,
    object_type: str,
    object_ref: str = "",
    *,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """An entry not yet in the chain (no sequence or hashes): for `record_events`."""
    return AuditEntry(
        at=timezone.now().replace(microsecond=0),
        actor_id=user.pk if user else None,
        actor=user.username if user else "",
        agency=user.agency.code if user and user.agency else "",
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        reason=reason,
        changes=changes or {},
    )


def record_events(entries: Iterable[AuditEntry]) -> int:
    """Append many entries in order: the chain is computed in memory, written with one insert,
    and the head moves once (one row lock, however many entries). Returns how many."""
    entries = list(entries)
    if not entries:
        return 0
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        sequence, previous = chain_pending_reads(head.sequence, head.entry_hash)
        for entry in entries:
            sequence += 1
            entry.sequence, entry.previous_hash = sequence, previous
            entry.entry_hash = previous = entry.computed_hash()
        AuditEntry.objects.bulk_create(entries, batch_size=1000)
        AuditHead.objects.filter(pk=1).update(sequence=sequence, entry_hash=previous)
        checkpoint_when_due(head.sequence, sequence, previous)
    return len(entries)


@contextmanager
def recording_in_bulk() -> Iterator[None]:
    """Within the block, events are held and written in batches through `record_events`.

    For bulk work that emits many events in one transaction (seeding a demo, an import): each
    event would otherwise lock and rewrite the chain's head, one round trip at a time. The held
    events are written when the block ends (or every BATCH_SIZE events); a block that fails
    writes none of them (it runs in one transaction with the work it records)."""
    pending: list[AuditEntry] = []
    token = _batch.set(pending)
    try:
        with transaction.atomic():
            yield
            record_events(pending)
    finally:
        _batch.reset(token)
