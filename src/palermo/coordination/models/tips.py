"""Tips from the public and hotline calls, and their triage."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.fields import EncryptedTextField
from palermo.references import new_reference

if TYPE_CHECKING:
    from palermo.accounts.models import Agency, User
    from palermo.justice.models import CriminalCase
    from palermo.screening.models import Screening


class TipChannel(models.TextChoices):
    WEB = "web", _("public web form")
    PHONE = "phone", _("hotline call")
    EMAIL = "email", _("e-mail")
    WALK_IN = "walk_in", _("in person")


class TipStatus(models.TextChoices):
    NEW = "new", _("new")
    ASSESSED = "assessed", _("assessed")
    FORWARDED = "forwarded", _("forwarded")
    CLOSED = "closed", _("closed")


class CloseReason(models.TextChoices):
    NO_INDICATORS = "no_indicators", _("no indicators of trafficking")
    INSUFFICIENT = "insufficient", _("not enough to act on")
    DUPLICATE = "duplicate", _("duplicate of another tip")
    ACTED_ON = "acted_on", _("acted on: inspection, screening or case")
    OTHER_MATTER = "other_matter", _("another matter, signposted elsewhere")


def new_tip_reference() -> str:
    return new_reference("T")


class TipQuerySet(models.QuerySet["Tip"]):
    def open(self) -> "TipQuerySet":
        return self.exclude(status=TipStatus.CLOSED)

    def forwarded_to(self, agency_id: int | None) -> "TipQuerySet":
        return self.filter(forwarded_to=agency_id).open()


class Tip(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_tip_reference, editable=False
    )
    channel = models.CharField(_("channel"), max_length=10, choices=TipChannel.choices)
    language = models.CharField(_("language"), max_length=10)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    received_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Everything the tipster wrote or said is free text about people: encrypted.
    what_seen = EncryptedTextField(_("what was seen"))
    where = EncryptedTextField(_("where"))
    when_seen = EncryptedTextField(_("when"), blank=True)
    contact = EncryptedTextField(_("contact back"), blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TipStatus.choices, default=TipStatus.NEW
    )
    assessment = EncryptedTextField(_("assessment"), blank=True)
    forwarded_to = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tips_forwarded",
        verbose_name=_("forwarded to"),
    )
    screening = models.ForeignKey(
        "screening.Screening", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    criminal_case = models.ForeignKey(
        "justice.CriminalCase", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    close_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True
    )
    first_action_at = models.DateTimeField(_("first action"), null=True, blank=True)

    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    def time_to_first_action(self) -> timedelta | None:
        if self.first_action_at is None:
            return None
        return self.first_action_at - self.received_at

    def _acted(self, by: "User", action: str, fields: list[str], **changes: object) -> None:
        if self.first_action_at is None:
            self.first_action_at = timezone.now()
            fields = [*fields, "first_action_at"]
        self.save(update_fields=fields)
        record_event(by, action, "tip", self.reference, changes=dict(changes))

    def _check_open(self) -> None:
        if self.status == TipStatus.CLOSED:
            raise ValidationError(gettext("This tip is closed."), code="closed")

    @transaction.atomic
    def assess(self, note: str, by: "User") -> None:
        self._check_open()
        self.assessment = note
        if self.status == TipStatus.NEW:
            self.status = TipStatus.ASSESSED
        self._acted(by, "tip_assessed", ["assessment", "status"])

    @transaction.atomic
    def forward(self, agency: "Agency", by: "User") -> None:
        self._check_open()
        self.forwarded_to = agency
        self.status = TipStatus.FORWARDED
        self._acted(by, "tip_forwarded", ["forwarded_to", "status"], to_agency=agency.code)

    @transaction.atomic
    def link(
        self,
        by: "User",
        screening: "Screening | None" = None,
        criminal_case: "CriminalCase | None" = None,
    ) -> None:
        self._check_open()
        fields: list[str] = []
        if screening is not None:
            self.screening, fields = screening, [*fields, "screening"]
        if criminal_case is not None:
            self.criminal_case, fields = criminal_case, [*fields, "criminal_case"]
        self._acted(
            by,
            "tip_linked",
            fields,
            screening=screening.reference if screening else "",
            criminal_case=criminal_case.reference if criminal_case else "",
        )

    @transaction.atomic
    def close(self, reason: str, by: "User") -> None:
        self._check_open()
        if reason not in CloseReason.values:
            raise ValidationError(gettext("Choose a reason for closing."), code="reason")
        self.status, self.close_reason = TipStatus.CLOSED, reason
        self._acted(by, "tip_closed", ["status", "close_reason"], reason=reason)
