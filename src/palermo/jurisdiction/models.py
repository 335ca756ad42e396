"""A jurisdiction is data: its legal provisions, agencies, languages and reporting year."""

import zoneinfo

from django.db import models
from django.utils.translation import gettext_lazy as _


class JurisdictionQuerySet(models.QuerySet["Jurisdiction"]):
    def active(self) -> "Jurisdiction | None":
        return self.filter(is_active=True).first()


class Jurisdiction(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    languages = models.JSONField(_("languages"), default=list)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    reporting_year_start_month = models.PositiveSmallIntegerField(
        _("reporting year starts in month"), default=1
    )
    reporting_year_start_day = models.PositiveSmallIntegerField(
        _("reporting year starts on day"), default=1
    )
    is_active = models.BooleanField(_("active"), default=False)
    # ISO 4217 code amounts are counted in (budgets, fines): "MOP"; "" when the pack names none.
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    # The pack's `statistics` section: citizenship groups, lesser offences, disclosure rule.
    statistics = models.JSONField(_("statistics settings"), default=dict, blank=True)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name

    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class LegalProvision(models.Model):
    """An article of law that defines or punishes trafficking, cited by charges."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="provisions"
    )
    code = models.CharField(_("code"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    acts = models.JSONField(_("acts"), default=list)
    means = models.JSONField(_("means"), default=list)
    purposes = models.JSONField(_("purposes"), default=list)
    penalty = models.CharField(_("penalty"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="unique_provision_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
