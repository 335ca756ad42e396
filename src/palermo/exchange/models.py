"""Releases to partners (CTDC files, differentially private tables), the privacy-budget ledger,
and partners' data kept as reference datasets apart from the registry's victims."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.references import new_reference

REGISTRY_DATASET = "registry"


def new_export_reference() -> str:
    return new_reference("EX")


class Release(models.Model):
    """What every release records: who, when, the file's name and hash (never its content)."""

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_export_reference, editable=False
    )
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class CtdcExport(Release):
    """A k-anonymous, ℓ-diverse CTDC file: enough is kept to make the same release again."""

    k = models.PositiveSmallIntegerField()
    l = models.PositiveSmallIntegerField()  # noqa: E741
    suppress_max = models.FloatField(_("largest share suppressed"))
    input_sha256 = models.CharField(_("SHA-256 of the table before anonymisation"), max_length=64)
    persons = models.PositiveIntegerField(_("persons"))
    released = models.PositiveIntegerField(_("rows released"))
    checker_passed = models.BooleanField(_("independent check passed"))

    class Meta(Release.Meta):
        verbose_name = _("CTDC export")
        verbose_name_plural = _("CTDC exports")


class DpRelease(Release):
    """Differentially private count tables; each one spends ε from the ledger."""

    epsilon = models.FloatField(_("ε"))

    class Meta(Release.Meta):
        verbose_name = _("differentially private release")
        verbose_name_plural = _("differentially private releases")


class BudgetExceeded(ValidationError):
    pass


class PrivacyBudgetQuerySet(models.QuerySet["PrivacyBudget"]):
    def refuse_spending_beyond_budget(self, dataset: str, years: range, epsilon: float) -> None:
        """Raise BudgetExceeded unless every year has ε left (a year without a budget has none)."""
        budgets = dict(self.filter(dataset=dataset, year__in=years).values_list("year", "epsilon"))
        spent = dict(
            PrivacySpend.objects.filter(dataset=dataset, year__in=years)
            .values("year")
            .annotate(total=Sum("epsilon"))
            .values_list("year", "total")
        )
        short = [
            year
            for year in years
            if spent.get(year, 0.0) + epsilon > budgets.get(year, 0.0) + 1e-12
        ]
        if short:
            raise BudgetExceeded(
                _(
                    "The privacy budget of %(dataset)s does not allow ε = %(epsilon)s more for "
                    "%(years)s; the committee sets the budget."
                )
                % {
                    "dataset": dataset,
                    "epsilon": epsilon,
                    "years": ", ".join(str(y) for y in short),
                }
            )


class PrivacyBudget(models.Model):
    """The ε the committee allows to be spent on one dataset's data of one year, in total."""

    dataset = models.CharField(_("dataset"), max_length=40, default=REGISTRY_DATASET)
    year = models.PositiveSmallIntegerField(_("year"))
    epsilon = models.FloatField(_("ε budget"))
    set_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    objects = PrivacyBudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy budget")
        verbose_name_plural = _("privacy budgets")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "year"], name="one_budget_per_dataset_year")
        ]

    def __str__(self) -> str:
        return f"{self.dataset} {self.year}: ε {self.epsilon}"

    def spent(self) -> float:
        total = PrivacySpend.objects.filter(dataset=self.dataset, year=self.year).aggregate(
            total=Sum("epsilon")
        )["total"]
        return float(total or 0.0)


class PrivacySpend(models.Model):
    """One line of the ledger: a release spent ε on one year of one dataset."""

    dataset = models.CharField(max_length=40, default=REGISTRY_DATASET)
    year = models.PositiveSmallIntegerField()
    epsilon = models.FloatField()
    release = models.ForeignKey(DpRelease, on_delete=models.PROTECT, related_name="spends")

    class Meta:
        verbose_name = _("privacy spend")
        verbose_name_plural = _("privacy spends")

    def __str__(self) -> str:
        return f"{self.release} spent ε {self.epsilon} on {self.dataset} {self.year}"


class ReferenceDataset(models.Model):
    """A partner's CTDC-format release, loaded for comparison; never mixed with our victims."""

    name = models.CharField(_("name"), max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    columns = models.JSONField(_("columns"), default=list)
    ignored_columns = models.JSONField(_("columns not in the CTDC standard"), default=list)
    row_count = models.PositiveIntegerField(_("rows"))
    imported_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reference dataset")
        verbose_name_plural = _("reference datasets")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.name


class ReferenceVictim(models.Model):
    """One row of a reference dataset: CTDC values, unknown kept as empty."""

    dataset = models.ForeignKey(ReferenceDataset, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()
    year = models.CharField(max_length=20, blank=True)
    gender = models.CharField(max_length=30, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    majority_status = models.CharField(max_length=10, blank=True)
    citizenship = models.CharField(max_length=2, blank=True)
    citizenship_region = models.CharField(max_length=40, blank=True)
    exploitation_region = models.CharField(max_length=40, blank=True)
    country_of_exploitation = models.CharField(max_length=2, blank=True)
    forms = models.JSONField(default=list)
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["dataset", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "row_number"], name="one_row_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.dataset} row {self.row_number}"
