"""The national action plan: measures, their indicators, progress per period and evidence."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.files import EncryptedFile
from palermo.references import new_reference

if TYPE_CHECKING:
    from palermo.accounts.models import User


class Pillar(models.TextChoices):
    PREVENTION = "prevention", _("prevention")
    PROTECTION = "protection", _("protection")
    PROSECUTION = "prosecution", _("prosecution")
    PARTNERSHIP = "partnership", _("partnership")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Standing(models.TextChoices):
    """Where a measure stands for the committee's overview."""

    LATE = "late", _("late")
    ON_TRACK = "on_track", _("on track")
    DONE = "done", _("done")


class MeasureQuerySet(models.QuerySet["Measure"]):
    def finished(self) -> "MeasureQuerySet":
        return self.filter(status__in=[MeasureStatus.DONE, MeasureStatus.CANCELLED])

    def late_on(self, day: date) -> "MeasureQuerySet":
        """Past the deadline and not finished, or its owner said it is behind."""
        open_ = self.exclude(status__in=[MeasureStatus.DONE, MeasureStatus.CANCELLED])
        return open_.filter(Q(deadline__lt=day) | Q(reported_behind=True))

    def on_track_on(self, day: date) -> "MeasureQuerySet":
        return self.exclude(pk__in=self.finished()).exclude(pk__in=self.late_on(day))


def new_measure_reference() -> str:
    return new_reference("M")


class Measure(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_measure_reference, editable=False
    )
    code = models.CharField(_("number in the plan"), max_length=20, help_text=_("e.g. 1.3"))
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    objective = models.CharField(_("objective"), max_length=300)
    description = models.TextField(_("activities"), blank=True, max_length=4000)
    lead_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="measures_led",
        verbose_name=_("lead agency"),
    )
    partners = models.ManyToManyField(
        "accounts.Agency", blank=True, related_name="measures_partnered", verbose_name=_("partners")
    )
    starts_on = models.DateField(_("start"))
    deadline = models.DateField(_("deadline"))
    budget_allocated = models.DecimalField(
        _("budget allocated"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    budget_spent = models.DecimalField(
        _("budget spent"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    # Set by the latest progress report: the owner knows it is behind before the deadline does.
    reported_behind = models.BooleanField(default=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.objective}"

    def clean(self) -> None:
        if self.starts_on and self.deadline and self.deadline < self.starts_on:
            raise ValidationError({"deadline": gettext("The deadline is before the start.")})

    def standing_on(self, day: date) -> str:
        if self.status in (MeasureStatus.DONE, MeasureStatus.CANCELLED):
            return Standing.DONE
        if self.deadline < day or self.reported_behind:
            return Standing.LATE
        return Standing.ON_TRACK

    def is_written_by(self, user: "User") -> bool:
        return user.agency_id == self.lead_agency_id


class Indicator(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    # A figure the platform computes (see bound_figures): its actuals fill themselves.
    figure = models.CharField(_("computed from"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def is_bound(self) -> bool:
        return bool(self.figure)


class IndicatorValue(models.Model):
    """The actual (and optionally the period's own target) of one indicator in one period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=7)
    target = models.DecimalField(
        _("target for the period"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_indicator_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"


class ProgressStatus(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("behind")
    DONE = "done", _("done")


class ProgressReport(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress")
    period = models.CharField(_("period"), max_length=7)
    status = models.CharField(_("progress"), max_length=10, choices=ProgressStatus.choices)
    narrative = models.TextField(_("what was done"), max_length=4000)
    late_reason = models.TextField(_("why it is late"), blank=True, max_length=2000)
    reported_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="unique_progress_period")
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.period}"


def evidence_context(measure_reference: str) -> str:
    # Binding the ciphertext to its measure, as registry documents are bound to their case.
    return f"coordination.evidence.content:{measure_reference}"


class Evidence(EncryptedFile):
    """A file proving progress (minutes, attendance sheets, a leaflet): stored encrypted, as
    attendance lists and photos can hold personal data."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="evidence")
    download_word = "evidence"

    class Meta(EncryptedFile.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.measure.reference} evidence {self.pk}"

    @classmethod
    @transaction.atomic
    def store(
        cls, measure: Measure, data: bytes, content_type: str, original_name: str, by: "User"
    ) -> "Evidence":
        evidence = cls(
            measure=measure, original_name=original_name, content_type=content_type, uploaded_by=by
        )
        evidence.seal(data)
        evidence.save()
        record_event(
            by, "evidence_uploaded", "measure", measure.reference, changes={"evidence": evidence.pk}
        )
        return evidence

    def owner_reference(self) -> str:
        return self.measure.reference

    def sealing_context(self) -> str:
        return evidence_context(self.measure.reference)


@transaction.atomic
def record_progress(
    measure: Measure,
    period: str,
    status: str,
    narrative: str,
    by: "User",
    *,
    late_reason: str = "",
    budget_spent: Decimal | None = None,
    actuals: dict[int, Decimal] | None = None,
) -> ProgressReport:
    """The owner's report for one period; a late measure must say why. Replaces an earlier
    report for the same period (the owner corrects it), and moves the measure's status."""
    behind = status == ProgressStatus.BEHIND or (
        status != ProgressStatus.DONE and measure.deadline < timezone.localdate()
    )
    if behind and not late_reason.strip():
        raise ValidationError({"late_reason": gettext("Say why the measure is late.")})
    report, _created = ProgressReport.objects.update_or_create(
        measure=measure,
        period=period,
        defaults={
            "status": status,
            "narrative": narrative,
            "late_reason": late_reason,
            "reported_by": by,
            "reported_at": timezone.now(),
        },
    )
    measure.reported_behind = status == ProgressStatus.BEHIND
    if status == ProgressStatus.DONE:
        measure.status = MeasureStatus.DONE
    elif measure.status == MeasureStatus.PLANNED:
        measure.status = MeasureStatus.IN_PROGRESS
    if budget_spent is not None:
        measure.budget_spent = budget_spent
    measure.save(update_fields=["reported_behind", "status", "budget_spent"])
    for indicator in measure.indicators.filter(pk__in=list(actuals or {}), figure=""):
        IndicatorValue.objects.update_or_create(
            indicator=indicator, period=period, defaults={"actual": (actuals or {})[indicator.pk]}
        )
    record_event(
        by,
        "progress_reported",
        "measure",
        measure.reference,
        changes={"period": period, "status": status, "indicators": sorted(actuals or {})},
    )
    return report
