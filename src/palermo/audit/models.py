"""The audit trail: append-only, each entry hashed together with the one before it.

The hash is an HMAC under the audit key (kept outside the database, see audit.keys), so someone
who can write to the database cannot rewrite an entry and recompute the chain after it.
"""

import json
from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.audit.keys import sign

GENESIS = "0" * 64


class AppendOnlyError(Exception):
    """Audit entries are never changed or deleted."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    sequence = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("at"))
    actor_id = models.BigIntegerField(_("actor id"), null=True)
    actor = models.CharField(_("actor"), max_length=150, blank=True)
    agency = models.CharField(_("agency"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=40)
    object_ref = models.CharField(_("object reference"), max_length=64, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.actor} {self.action} {self.object_type} {self.object_ref}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be deleted")

    def content(self) -> dict[str, Any]:
        """Everything the hash covers."""
        return {
            "sequence": self.sequence,
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "agency": self.agency,
            "action": self.action,
            "object_type": self.object_type,
            "object_ref": self.object_ref,
            "reason": self.reason,
            "changes": self.changes,
            "previous_hash": self.previous_hash,
        }

    def computed_hash(self) -> str:
        """The keyed hash every recording path stores and `palermo audit verify` checks."""
        return keyed_hash(self.content())


def keyed_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return sign("palermo-audit-entry", canonical.encode())


class PendingRead(models.Model):
    """A read, recorded without taking the chain's head lock; folded into the chain later.

    Readers only insert here (no lock, no contention between them). Each row carries its own
    keyed hash, so an edit is detected before and after folding; `palermo.audit.reads` moves
    rows into the chain in order, under the head lock, and deletes them in the same
    transaction. On PostgreSQL a trigger refuses UPDATE (DELETE is the fold's). See docs/audit.md
    for what this does and does not guarantee."""

    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor = models.CharField(max_length=150, blank=True)
    agency = models.CharField(max_length=40, blank=True)
    object_type = models.CharField(max_length=40)
    object_ref = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    read_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"pending read {self.pk} {self.actor} {self.object_type} {self.object_ref}"

    def content(self) -> dict[str, Any]:
        return {
            "kind": "pending-read",
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "agency": self.agency,
            "object_type": self.object_type,
            "object_ref": self.object_ref,
            "reason": self.reason,
            "changes": self.changes,
        }

    def computed_hash(self) -> str:
        return keyed_hash(self.content())

    def as_entry(self) -> "AuditEntry":
        """The chain entry this read becomes (sequence and hashes set by the fold)."""
        return AuditEntry(
            at=self.at,
            actor_id=self.actor_id,
            actor=self.actor,
            agency=self.agency,
            action="read",
            object_type=self.object_type,
            object_ref=self.object_ref,
            reason=self.reason,
            changes=self.changes,
        )


class AuditHead(models.Model):
    """One row holding the chain's tip; locking it serialises writers on every database."""

    sequence = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"audit head at #{self.sequence}"
