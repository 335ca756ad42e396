"""Screenings of people at risk with the ILO / European Commission indicators."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.core import limits
from palermo.privacy.fields import EncryptedJSONField, EncryptedTextField
from palermo.references import new_reference
from palermo.screening.outcomes import ScreeningOutcome


class ScreeningStatus(models.TextChoices):
    DRAFT = "draft", _("in progress")
    COMPLETED = "completed", _("completed")


def new_screening_reference() -> str:
    return new_reference("S")


class Screening(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_screening_reference, editable=False
    )
    screener = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="screenings"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
    )
    indicator_list = models.CharField(_("indicator list"), max_length=20)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ScreeningOutcome.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ScreeningStatus.choices, default=ScreeningStatus.DRAFT
    )
    notes = EncryptedTextField(_("notes"), blank=True, max_length=limits.SUMMARY)
    # What the screener saw behind an answer, per indicator: encrypted, as the notes are.
    indicator_notes = EncryptedJSONField(_("notes on indicators"), default=dict, blank=True)
    # A screening started again after "further assessment" points at the one it follows.
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="followed_by"
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    victim_case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.reference
