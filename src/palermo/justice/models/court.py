"""Charges citing the law, court decisions per defendant and charge, sentences and appeals."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("court decision")
        verbose_name_plural = _("court decisions")

    def __str__(self) -> str:
        return f"{self.charge}: {self.outcome}"


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


class Appeal(models.Model):
    decision = models.ForeignKey(CourtDecision, on_delete=models.CASCADE, related_name="appeals")
    filed_on = models.DateField(_("filed on"))
    by_party = models.CharField(
        _("appellant"),
        max_length=20,
        choices=[("defence", _("defence")), ("prosecution", _("prosecution"))],
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        blank=True,
        choices=[
            ("upheld", _("upheld")),
            ("overturned", _("overturned")),
            ("modified", _("modified")),
        ],
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    def __str__(self) -> str:
        return f"appeal of {self.decision}"
