"""The access helper for the audit trail: auditors see who did what, never the records."""

from django.db.models import QuerySet

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.audit.models import AuditEntry


def audit_entries_visible_to(user: User) -> QuerySet[AuditEntry]:
    if not may_read(user, "audit_entry"):
        return AuditEntry.objects.none()
    return AuditEntry.objects.all()
