"""The day-to-day work on a case: notes, a care plan of tasks with due dates, and the in-app
notifications that tell a worker something needs them (a referral received, a case assigned,
a reflection period ending, a decision due)."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.conflicts import locked_row
from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField

if TYPE_CHECKING:
    from palermo.accounts.models import User
    from palermo.registry.models.case import VictimCase


class CaseNote(models.Model):
    """A worker's note on the case: free text about a person, so encrypted at rest."""

    case = models.ForeignKey("registry.VictimCase", on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"), max_length=limits.NOTE)
    written_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]
        indexes = [models.Index(fields=["case", "-written_at"], name="case_note_order")]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.case_id}"

    @property
    def audit_ref(self) -> str:
        return f"registry.casenote:{self.pk}"

    @classmethod
    @transaction.atomic
    def write(cls, case: "VictimCase", text: str, by: "User") -> "CaseNote":
        if not text.strip():
            raise ValidationError(_("Write the note first."))
        note = cls.objects.create(case=case, text=text.strip(), written_by=by)
        case.record_activity()
        record_event(by, "create", "case_note", case.reference, changes={"note": note.audit_ref})
        return note


class CarePlanTask(models.Model):
    """One step of the case's care plan: what is to be done (encrypted: it can name a person's
    needs), by when, by whom in the owning agency, and when it was done."""

    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="care_plan"
    )
    description = EncryptedTextField(_("task"), max_length=limits.REASON)
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="care_tasks",
        null=True,
        blank=True,
        verbose_name=_("assigned to"),
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["due_on", "pk"]
        # The home page's reminders: a worker's open tasks by due date.
        indexes = [
            models.Index(fields=["assigned_to", "done_at", "due_on"], name="care_task_due_order")
        ]

    def __str__(self) -> str:
        return f"task {self.pk} on {self.case_id}"

    @property
    def audit_ref(self) -> str:
        return f"registry.careplantask:{self.pk}"

    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()

    @classmethod
    @transaction.atomic
    def plan(
        cls,
        case: "VictimCase",
        description: str,
        due_on: datetime.date,
        by: "User",
        assigned_to: "User | None" = None,
    ) -> "CarePlanTask":
        if not description.strip():
            raise ValidationError(_("Say what is to be done."))
        if assigned_to is not None:
            check_works_for(assigned_to, case)
        task = cls.objects.create(
            case=case,
            description=description.strip(),
            due_on=due_on,
            assigned_to=assigned_to,
            created_by=by,
        )
        case.record_activity()
        changes = {"task": task.audit_ref, "due_on": due_on.isoformat()}
        record_event(by, "create", "care_plan_task", case.reference, changes=changes)
        return task

    @transaction.atomic
    def mark_done(self, by: "User") -> None:
        task = locked_row(self)
        if task.done_at is not None:
            raise ValidationError(_("This task is already done."))
        self.done_at, self.done_by = timezone.now(), by
        self.save(update_fields=["done_at", "done_by"])
        self.case.record_activity()
        record_event(
            by, "complete", "care_plan_task", self.case.reference, changes={"task": self.audit_ref}
        )


def check_works_for(worker: "User", case: "VictimCase") -> None:
    """A case is assigned (and its tasks given) only to an active case worker of the agency
    that owns it."""
    from palermo.accounts.roles import Role

    if worker.agency_id != case.owning_agency_id or not worker.has_role(Role.CASE_WORKER):
        raise ValidationError(_("Choose a case worker of the agency that owns the case."))


class NotificationKind(models.TextChoices):
    REFERRAL_RECEIVED = "referral_received", _("referral received")
    CASE_ASSIGNED = "case_assigned", _("case assigned to you")
    REFLECTION_ENDING = "reflection_ending", _("reflection period ending")
    DECISION_DUE = "decision_due", _("decision on identification due")


class Notification(models.Model):
    """Something a person should look at, shown in the app until they mark it read. It names a
    case by reference only, never a person."""

    recipient = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind)
    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at", "-created_at"], name="notification_inbox_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])

    @classmethod
    def tell(
        cls, recipients: Iterable["User"], kind: str, case: "VictimCase", once: bool = False
    ) -> int:
        """Notify each recipient; with `once`, not those already told this about the case (a
        reminder sent every day would bury everything else)."""
        people = list(recipients)
        if once:
            told = set(
                cls.objects.filter(kind=kind, case=case, recipient__in=people).values_list(
                    "recipient_id", flat=True
                )
            )
            people = [person for person in people if person.pk not in told]
        Notification.objects.bulk_create(
            Notification(recipient=person, kind=kind, case=case) for person in people
        )
        return len(people)


def case_workers_of(agency_id: int) -> "models.QuerySet[User]":
    from palermo.accounts.models import User
    from palermo.accounts.roles import Role

    return User.objects.filter(
        agency_id=agency_id, is_active=True, roles__role=Role.CASE_WORKER
    ).order_by("username")


def those_to_tell_about(case: "VictimCase") -> "list[User]":
    """The worker the case is assigned to, or else every case worker of the owning agency."""
    if case.assigned_to_id is not None and case.assigned_to is not None:
        return [case.assigned_to]
    return list(case_workers_of(case.owning_agency_id))
