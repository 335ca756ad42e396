"""The one place audit events are emitted from."""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from palermo.audit.checkpoints import checkpoint_when_due
from palermo.audit.models import AuditEntry, AuditHead

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
    """Append one entry to the chain. `changes` must never hold personal values."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            sequence=head.sequence + 1,
            at=timezone.now().replace(microsecond=0),
            actor_id=user.pk if user else None,
            actor=user.username if user else "",
            agency=user.agency.code if user and user.agency else "",
            action=action,
            object_type=object_type,
            object_ref=object_ref,
            reason=reason,
            changes=changes or {},
            previous_hash=head.entry_hash,
        )
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
) -> AuditEntry:
    return record_event(user, "read", object_type, object_ref, reason=reason, changes=changes)
