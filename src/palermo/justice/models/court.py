"""Charges citing the law, court decisions per defendant and charge, sentences and appeals."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.conflicts import Conflict, locked_row

if TYPE_CHECKING:
    from palermo.accounts.models import User
    from palermo.jurisdiction.models import LegalProvision
    from palermo.justice.models.case import CriminalCase, Suspect

# Charges are filed, and decided, only while the case is where that work happens.
CHARGING_STAGES = {"prosecution", "trial"}
DECIDING_STAGES = {"trial", "appeal"}


class Charge(models.Model):
    case = models.ForeignKey(
        "justice.CriminalCase", on_delete=models.CASCADE, related_name="charges"
    )
    suspect = models.ForeignKey("justice.Suspect", on_delete=models.CASCADE, related_name="charges")
    provision = models.ForeignKey(
        "jurisdiction.LegalProvision", on_delete=models.PROTECT, verbose_name=_("provision")
    )
    filed_on = models.DateField(_("filed on"), default=timezone.localdate)
    filed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")

    def __str__(self) -> str:
        return f"{self.case}: {self.provision.code}"

    @classmethod
    def file(
        cls, case: "CriminalCase", suspect: "Suspect", provision: "LegalProvision", by: "User"
    ) -> "Charge":
        if not case.is_prosecuted_by(by):
            raise ValidationError(
                _("Only prosecutors of the office the case was sent to can file charges.")
            )
        if case.stage not in CHARGING_STAGES:
            raise ValidationError(
                _("Charges are filed while the case is with the prosecution or before the court.")
            )
        if suspect.case_id != case.pk:
            raise ValidationError(_("That suspect is not part of this case."))
        if not provision.jurisdiction.is_active:
            raise ValidationError(_("Cite a provision of the jurisdiction's law."))
        charge = cls.objects.create(case=case, suspect=suspect, provision=provision, filed_by=by)
        record_event(
            by,
            "charge_filed",
            "criminal_case",
            case.reference,
            changes={"provision": provision.code, "person": str(suspect.person)},
        )
        return charge

    def final_decision(self) -> "CourtDecision | None":
        return self.decisions.filter(is_final=True).first()


class Outcome(models.TextChoices):
    CONVICTED = "convicted", _("convicted")
    ACQUITTED = "acquitted", _("acquitted")
    DISMISSED = "dismissed", _("dismissed")


class CourtDecision(models.Model):
    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="decisions")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    is_final = models.BooleanField(_("final"), default=False)
    # Value of the assets the decision confiscates, in the jurisdiction's currency.
    assets_confiscated = models.DecimalField(
        _("assets confiscated"), max_digits=14, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("court decision")
        verbose_name_plural = _("court decisions")

    def __str__(self) -> str:
        return f"{self.charge}: {self.outcome}"

    @classmethod
    @transaction.atomic
    def record(
        cls,
        charge: Charge,
        by: "User",
        outcome: str,
        decided_on: datetime.date,
        is_final: bool = False,
        sentence: dict[str, "int | bool | Decimal"] | None = None,
    ) -> "CourtDecision":
        """The court the case was submitted to decides a charge; a conviction carries a
        sentence (an empty one when none was imposed)."""
        case = charge.case
        if not case.is_judged_by(by):
            raise ValidationError(
                _("Only judicial officers of the court the case was submitted to can decide it.")
            )
        if case.stage not in DECIDING_STAGES:
            raise ValidationError(_("Decisions are recorded while the case is before the court."))
        locked_row(charge)  # two final decisions on one charge at once: one is recorded
        if charge.final_decision() is not None:
            raise Conflict(_("This charge already has a final decision."), current={"final": True})
        if decided_on > timezone.localdate():
            raise ValidationError(_("A decision cannot be dated in the future."))
        if sentence and outcome != Outcome.CONVICTED:
            raise ValidationError(_("A sentence is recorded only with a conviction."))
        decision = cls.objects.create(
            charge=charge,
            court=case.court_agency,
            outcome=outcome,
            decided_on=decided_on,
            decided_by=by,
            is_final=is_final,
        )
        if outcome == Outcome.CONVICTED:
            Sentence.objects.create(decision=decision, **(sentence or {}))
        record_event(
            by,
            "court_decision",
            "criminal_case",
            case.reference,
            changes={"charge": charge.pk, "outcome": outcome, "final": is_final},
        )
        return decision


class Sentence(models.Model):
    decision = models.OneToOneField(
        CourtDecision, on_delete=models.CASCADE, related_name="sentence"
    )
    prison_months = models.PositiveIntegerField(_("prison (months)"), default=0)
    suspended = models.BooleanField(_("suspended"), default=False)
    fine = models.DecimalField(_("fine"), max_digits=12, decimal_places=2, default=0)
    compensation_to_victims = models.DecimalField(
        _("compensation to victims"), max_digits=12, decimal_places=2, default=0
    )

    def __str__(self) -> str:
        return f"{self.decision}: {self.prison_months} months"


class Appellant(models.TextChoices):
    DEFENCE = "defence", _("defence")
    PROSECUTION = "prosecution", _("prosecution")


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("upheld")
    OVERTURNED = "overturned", _("overturned")
    MODIFIED = "modified", _("modified")


class Appeal(models.Model):
    decision = models.ForeignKey(CourtDecision, on_delete=models.CASCADE, related_name="appeals")
    filed_on = models.DateField(_("filed on"))
    by_party = models.CharField(
        _("appellant"),
        max_length=20,
        choices=Appellant.choices,
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        blank=True,
        choices=AppealOutcome.choices,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    def __str__(self) -> str:
        return f"appeal of {self.decision}"

    @classmethod
    def file(
        cls, decision: CourtDecision, by: "User", filed_on: datetime.date, by_party: str
    ) -> "Appeal":
        case = decision.charge.case
        if not case.is_judged_by(by):
            raise ValidationError(
                _("Only judicial officers of the court the case was submitted to record appeals.")
            )
        if decision.is_final:
            raise ValidationError(_("A final decision cannot be appealed."))
        if not decision.decided_on <= filed_on <= timezone.localdate():
            raise ValidationError(_("An appeal is filed after the decision and not in the future."))
        appeal = cls.objects.create(decision=decision, filed_on=filed_on, by_party=by_party)
        record_event(
            by, "appeal_filed", "criminal_case", case.reference, changes={"by_party": by_party}
        )
        return appeal

    def decide(self, by: "User", outcome: str, decided_on: datetime.date) -> None:
        case = self.decision.charge.case
        if not case.is_judged_by(by):
            raise ValidationError(
                _("Only judicial officers of the court the case was submitted to record appeals.")
            )
        if not self.filed_on <= decided_on <= timezone.localdate():
            raise ValidationError(
                _("An appeal is decided after it was filed and not in the future.")
            )
        with transaction.atomic():
            row = locked_row(self)
            if row.outcome:
                self.outcome = row.outcome
                raise Conflict(
                    _("This appeal was already decided."), current={"outcome": row.outcome}
                )
            self.outcome, self.decided_on = outcome, decided_on
            self.save(update_fields=["outcome", "decided_on"])
            record_event(
                by, "appeal_decided", "criminal_case", case.reference, changes={"outcome": outcome}
            )
