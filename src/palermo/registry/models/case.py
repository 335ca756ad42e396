"""Victim cases and their path through the referral stages, each move recorded."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.conflicts import Conflict
from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField
from palermo.references import new_reference

if TYPE_CHECKING:
    from palermo.accounts.models import User

# Council of Europe states grant at least 30 days of recovery and reflection.
DEFAULT_REFLECTION_DAYS = 30
# A presumed victim's recovery and reflection period ends in a decision on identification; the
# case worker is reminded two weeks ahead, and until the case moves on.
REFLECTION_WARNING_DAYS = 14


def reflection_warning_date() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=REFLECTION_WARNING_DAYS)


class Stage(models.TextChoices):
    REFERRED = "referred", _("referred")
    SCREENING = "screening", _("screening")
    PRESUMED_VICTIM = "presumed_victim", _("presumed victim")
    IDENTIFIED = "identified", _("formally identified")
    NOT_IDENTIFIED = "not_identified", _("not identified")
    ASSISTANCE = "assistance", _("assistance")
    RESIDENCE = "residence", _("residence status")
    RETURN = "return", _("return and reintegration")
    CLOSED = "closed", _("closed")


# Where a case may go next from each stage (the National Referral Mechanism's order).
NEXT_STAGES: dict[str, set[str]] = {
    Stage.REFERRED: {Stage.SCREENING, Stage.CLOSED},
    Stage.SCREENING: {Stage.PRESUMED_VICTIM, Stage.NOT_IDENTIFIED, Stage.CLOSED},
    Stage.PRESUMED_VICTIM: {Stage.IDENTIFIED, Stage.NOT_IDENTIFIED, Stage.CLOSED},
    Stage.IDENTIFIED: {Stage.ASSISTANCE, Stage.CLOSED},
    Stage.NOT_IDENTIFIED: {Stage.SCREENING, Stage.CLOSED},
    Stage.ASSISTANCE: {Stage.RESIDENCE, Stage.RETURN, Stage.CLOSED},
    Stage.RESIDENCE: {Stage.ASSISTANCE, Stage.RETURN, Stage.CLOSED},
    Stage.RETURN: {Stage.CLOSED},
    Stage.CLOSED: set(),
}


# What a move writes: a move never overwrites the case's other fields with a stale copy.
MOVE_FIELDS = [
    "stage",
    "reflection_period_start",
    "reflection_period_end",
    "identification_decision",
    "competent_authority",
    "identified_on",
    "closed_at",
]


def new_case_reference() -> str:
    return new_reference("VC")


class VictimCase(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_case_reference, editable=False
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="victim_cases"
    )
    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="victim_cases"
    )
    opened_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="opened_cases", null=True
    )
    # The worker in the owning agency who has the case in hand (see `assign_to`).
    assigned_to = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        null=True,
        blank=True,
        verbose_name=_("assigned to"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.REFERRED)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    reflection_period_start = models.DateField(_("reflection period from"), null=True, blank=True)
    reflection_period_end = models.DateField(_("reflection period until"), null=True, blank=True)
    identification_decision = EncryptedTextField(
        _("identification decision"), blank=True, max_length=limits.NOTE
    )
    competent_authority = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="identification_decisions",
        null=True,
        blank=True,
        verbose_name=_("competent authority"),
    )
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Kept on the row (not worked out from the transitions) so the list can sort by them
    # along an index: when the case reached its stage, and when anything was last done on it.
    stage_since = models.DateTimeField(_("in stage since"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        verbose_name = _("victim case")
        verbose_name_plural = _("victim cases")
        ordering = ["-opened_at"]
        # The lists' order (newest first), for everyone and within an agency: a page is read
        # along the index instead of sorting every visible case.
        indexes = [
            models.Index(fields=["-opened_at", "-id"], name="victim_case_list_order"),
            models.Index(
                fields=["owning_agency", "-opened_at", "-id"], name="victim_case_agency_order"
            ),
            models.Index(fields=["-last_activity_at", "-id"], name="victim_case_activity_order"),
            models.Index(fields=["stage_since", "id"], name="victim_case_in_stage_order"),
        ]

    def __str__(self) -> str:
        return self.reference

    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_since).days

    def reflection_period_ends_soon(self) -> bool:
        """A presumed victim whose reflection period ends within the warning days (or ended)
        with no decision yet: the list flags it and the home page reminds the case worker."""
        if self.stage != Stage.PRESUMED_VICTIM or self.reflection_period_end is None:
            return False
        return self.reflection_period_end <= reflection_warning_date()

    def record_activity(self) -> None:
        """Note that something was done on the case now (an UPDATE of one column, so a stale
        copy of the case never overwrites anything else)."""
        self.last_activity_at = timezone.now()
        VictimCase.objects.filter(pk=self.pk).update(last_activity_at=self.last_activity_at)

    @transaction.atomic
    def assign_to(self, worker: "User", by: "User") -> None:
        """Give the case to a case worker of the owning agency; giving it to another is a
        transfer. Both are audited (by user id) and the new worker is notified."""
        from palermo.registry.models.casework import (
            Notification,
            NotificationKind,
            check_works_for,
        )

        check_works_for(worker, self)
        previous = VictimCase.objects.select_for_update().get(pk=self.pk).assigned_to_id
        if previous == worker.pk:
            raise ValidationError(_("The case is already assigned to this worker."))
        self.assigned_to = worker
        self.last_activity_at = timezone.now()
        self.save(update_fields=["assigned_to", "last_activity_at"])
        action = "transfer" if previous else "assign"
        changes = {"assigned_to": [previous, worker.pk]}
        record_event(by, action, "victim_case", self.reference, changes=changes)
        if worker.pk != by.pk:
            Notification.tell([worker], NotificationKind.CASE_ASSIGNED, self)

    def check_still_at(self, seen: str | None) -> None:
        """Refuse (409) a change decided on the case at a stage it has since left; `seen` is
        the stage the caller saw (the page's form and an API client send it), None if unknown."""
        if seen and seen != self.stage:
            raise Conflict(
                _("The case was moved meanwhile: it is now at stage “%(current)s”.")
                % {"current": Stage(self.stage).label},
                current={"stage": self.stage},
            )

    def can_move_to(self, stage: str) -> bool:
        return stage in NEXT_STAGES[self.stage]

    def may_be_moved_by(self, user: "User") -> bool:
        """The agency holding the case moves it on; an agency it was referred to serves the
        person and reads the file, but the path through the stages is the holder's. (Which of
        the holder's staff may act is the access helpers' rule: case workers on the pages, and
        the screener who opens a case from a screening.)"""
        return user.agency_id is not None and user.agency_id == self.owning_agency_id

    @transaction.atomic
    def move_to(self, stage: str, by: "User", reason: str, **details: Any) -> "StageTransition":
        """Move the case on, with who, when and why; refuse moves the mechanism doesn't allow.

        The move is decided on the locked row: if the case left the stage the caller saw (someone
        moved it meanwhile), the move is refused with the stage it is at now, never made from
        a stage the caller did not choose it from."""
        if not self.may_be_moved_by(by):
            raise PermissionDenied(_("Only the agency that holds the case moves it on."))
        current = VictimCase.objects.select_for_update().values_list("stage", flat=True)
        VictimCase(stage=current.get(pk=self.pk)).check_still_at(self.stage)
        if not self.can_move_to(stage):
            raise ValidationError(
                _("A case at stage “%(current)s” cannot move to “%(target)s”.")
                % {"current": Stage(self.stage).label, "target": Stage(stage).label}
            )
        if not reason.strip():
            raise ValidationError(_("Say why the case moves to this stage."))
        self._apply_stage_details(stage, details)
        transition = StageTransition.objects.create(
            case=self, from_stage=self.stage, to_stage=stage, by=by, reason=reason
        )
        self.stage = stage
        self.stage_since = self.last_activity_at = transition.at
        self.save(update_fields=[*MOVE_FIELDS, "stage_since", "last_activity_at"])
        record_event(
            by,
            "transition",
            "victim_case",
            self.reference,
            # The reason stays on the (encrypted) transition; the entry points at it.
            changes={"stage": [transition.from_stage, stage], "reason_of": transition.audit_ref},
        )
        return transition

    def _apply_stage_details(self, stage: str, details: dict[str, Any]) -> None:
        today = timezone.localdate()
        if stage == Stage.PRESUMED_VICTIM:
            start: datetime.date = details.get("reflection_period_start") or today
            end: datetime.date = details.get("reflection_period_end") or (
                start + datetime.timedelta(days=DEFAULT_REFLECTION_DAYS)
            )
            if end < start:
                raise ValidationError(_("The reflection period cannot end before it starts."))
            self.reflection_period_start, self.reflection_period_end = start, end
        elif stage == Stage.IDENTIFIED:
            self._record_identification(details, today)
        elif stage == Stage.CLOSED:
            self.closed_at = timezone.now()

    def _record_identification(self, details: dict[str, Any], today: datetime.date) -> None:
        authority, decision = details.get("competent_authority"), details.get("decision", "")
        if authority is None or not str(decision).strip():
            raise ValidationError(
                _("Formal identification needs the competent authority and its decision.")
            )
        if not authority.identifies_victims:
            # The decision is the competent authority's; the holder of the case records it.
            raise ValidationError(
                _("%(agency)s is not a competent authority for identification.")
                % {"agency": authority.name}
            )
        self.competent_authority = authority
        self.identification_decision = decision
        self.identified_on = details.get("identified_on") or today


class StageTransition(models.Model):
    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(max_length=20, choices=Stage)
    to_stage = models.CharField(max_length=20, choices=Stage)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)
    reason = EncryptedTextField(max_length=limits.REASON)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_stage} → {self.to_stage}"

    @property
    def audit_ref(self) -> str:
        """What the audit trail stores instead of a copy of the (personal) free text."""
        return f"registry.stagetransition:{self.pk}"

    def shown_reason(self) -> str:
        """The reason in the reader's language when the system wrote it (never a stage code)."""
        from palermo.registry.system_notes import shown

        return shown(self.reason)
