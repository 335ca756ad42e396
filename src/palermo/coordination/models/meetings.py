"""Committee and working-group meetings, their decisions and the action items they assign."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.fields import EncryptedTextField
from palermo.references import new_reference

if TYPE_CHECKING:
    from palermo.accounts.models import User


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("committee meeting")
    WORKING_GROUP = "working_group", _("working group meeting")


def new_meeting_reference() -> str:
    return new_reference("MT")


class Meeting(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_meeting_reference, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    agencies_present = models.ManyToManyField(
        "accounts.Agency", related_name="meetings_attended", verbose_name=_("agencies present")
    )
    agenda = models.TextField(_("agenda"), max_length=4000)
    # Minutes name people and sometimes discuss cases: encrypted like any personal data.
    minutes = EncryptedTextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True, max_length=4000)
    recorded_by = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> "ActionItemQuerySet":
        return self.filter(done_at__isnull=True)


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    deadline = models.DateField(_("deadline"))
    measure = models.ForeignKey(
        "coordination.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("measure"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self) -> bool:
        return self.done_at is None and self.deadline < timezone.localdate()

    def mark_done(self, by: "User") -> None:
        self.done_at = timezone.now()
        self.save(update_fields=["done_at"])
        record_event(
            by,
            "action_item_done",
            "meeting",
            self.meeting.reference,
            changes={"action_item": self.pk},
        )
