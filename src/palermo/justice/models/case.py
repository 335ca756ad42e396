"""Criminal cases: from the report through investigation and prosecution to the court."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.fields import EncryptedTextField
from palermo.references import new_reference

if TYPE_CHECKING:
    from palermo.accounts.models import Agency, User


class CriminalStage(models.TextChoices):
    REPORTED = "reported", _("reported")
    INVESTIGATION = "investigation", _("under investigation")
    PROSECUTION = "prosecution", _("with the prosecution")
    TRIAL = "trial", _("before the court")
    DECIDED = "decided", _("decided")
    APPEAL = "appeal", _("on appeal")
    CLOSED = "closed", _("closed")


NEXT_CRIMINAL_STAGES: dict[str, set[str]] = {
    CriminalStage.REPORTED: {CriminalStage.INVESTIGATION, CriminalStage.CLOSED},
    CriminalStage.INVESTIGATION: {CriminalStage.PROSECUTION, CriminalStage.CLOSED},
    CriminalStage.PROSECUTION: {CriminalStage.TRIAL, CriminalStage.CLOSED},
    CriminalStage.TRIAL: {CriminalStage.DECIDED},
    CriminalStage.DECIDED: {CriminalStage.APPEAL, CriminalStage.CLOSED},
    CriminalStage.APPEAL: {CriminalStage.DECIDED, CriminalStage.CLOSED},
    CriminalStage.CLOSED: set(),
}


def new_criminal_reference() -> str:
    return new_reference("CC")


class CriminalCase(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_criminal_reference, editable=False
    )
    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="criminal_cases"
    )
    prosecution_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="prosecutions",
        null=True,
        blank=True,
    )
    court_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="court_cases",
        null=True,
        blank=True,
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=CriminalStage, default=CriminalStage.REPORTED
    )
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    provisions = models.ManyToManyField(
        "jurisdiction.LegalProvision", blank=True, verbose_name=_("offences")
    )
    summary = EncryptedTextField(_("summary"), blank=True)
    is_labour_trafficking = models.BooleanField(_("labour trafficking"), default=False)
    is_sex_trafficking = models.BooleanField(_("sex trafficking"), default=False)

    class Meta:
        verbose_name = _("criminal case")
        verbose_name_plural = _("criminal cases")
        ordering = ["-reported_on"]

    def __str__(self) -> str:
        return self.reference

    @transaction.atomic
    def move_to(self, stage: str, by: "User", reason: str) -> None:
        if stage not in NEXT_CRIMINAL_STAGES[self.stage]:
            raise ValidationError(
                _("A criminal case “%(current)s” cannot move to “%(target)s”.")
                % {"current": CriminalStage(self.stage).label, "target": CriminalStage(stage).label}
            )
        if stage == CriminalStage.PROSECUTION and self.prosecution_agency_id is None:
            raise ValidationError(_("Name the prosecution office the case is sent to."))
        if stage == CriminalStage.TRIAL and self.court_agency_id is None:
            raise ValidationError(_("Name the court the case is submitted to."))
        previous, self.stage = self.stage, stage
        self.save()
        record_event(
            by,
            "transition",
            "criminal_case",
            self.reference,
            reason=reason,
            changes={"stage": [previous, stage]},
        )

    def send_to_prosecution(self, prosecution: "Agency", by: "User", reason: str) -> None:
        self.prosecution_agency = prosecution
        self.move_to(CriminalStage.PROSECUTION, by, reason)

    def submit_to_court(self, court: "Agency", by: "User", reason: str) -> None:
        self.court_agency = court
        self.move_to(CriminalStage.TRIAL, by, reason)


class Suspect(models.Model):
    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="suspects")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        _("role"),
        max_length=20,
        blank=True,
        choices=[
            ("recruiter", _("recruiter")),
            ("transporter", _("transporter")),
            ("exploiter", _("exploiter")),
            ("facilitator", _("facilitator")),
        ],
    )
    arrested_on = models.DateField(_("arrested on"), null=True, blank=True)

    class Meta:
        verbose_name = _("suspect")
        verbose_name_plural = _("suspects")

    def __str__(self) -> str:
        return f"{self.case}: {self.person}"


class VictimLink(models.Model):
    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="victim_links"
    )
    victim_case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="criminal_links"
    )
    capacity = models.CharField(
        _("capacity"),
        max_length=20,
        choices=[
            ("witness", _("witness")),
            ("injured_party", _("injured party")),
            ("assistant", _("assistant to the prosecution")),
        ],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["criminal_case", "victim_case"], name="unique_victim_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.victim_case} in {self.criminal_case}"
