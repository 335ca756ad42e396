"""Built reports: the figures exactly as computed (a snapshot), their hash, and revisions."""

import hashlib
import json
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.privacy.cipher import decrypt_bytes
from palermo.privacy.fields import EncryptedTextField


def content_hash(snapshot: dict[str, Any]) -> str:
    """SHA-256 of the figures (not of when or by whom they were built): the same records give
    the same hash, so a republication that changes nothing is not a revision."""
    counted = {key: snapshot[key] for key in ("period", "figures", "trend")}
    return hashlib.sha256(json.dumps(counted, sort_keys=True).encode()).hexdigest()


class ReportQuerySet(models.QuerySet["Report"]):
    def published(self) -> "ReportQuerySet":
        return self.filter(published_at__isnull=False)

    def of_period(self, year: int, kind: str) -> "ReportQuerySet":
        return self.filter(year=year, period=kind)

    def estimates_of(self, years: list[int], kind: str) -> dict[int, dict[str, Any]]:
        """The latest hidden-figure estimate made for each of these years that has one (a
        build whose estimate found none does not hide an earlier build's)."""
        found: dict[int, dict[str, Any]] = {}
        builds = self.filter(period=kind, year__in=years).order_by("year", "-pk")
        for year, estimate in builds.values_list("year", "estimate"):
            if year not in found and (estimate or {}).get("estimate") is not None:
                found[year] = estimate
        return found


class Report(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=10)
    snapshot = models.JSONField(_("figures"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    built_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    built_at = models.DateTimeField(_("built"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    correction_note = models.TextField(_("what was corrected"), blank=True)
    # The hidden-figure estimate, made apart (it is slow) and not part of the content hash.
    estimate = models.JSONField(_("estimate"), default=dict, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year", "-built_at"]

    def __str__(self) -> str:
        return f"{self.year} {self.period} #{self.pk}"

    @transaction.atomic
    def publish(self, note: str = "") -> "Report":
        """Publish this build. A later build of a published period is a correction: it becomes
        the next revision and names the one it supersedes; an identical build changes nothing."""
        previous = (
            Report.objects.select_for_update()
            .published()
            .of_period(self.year, self.period)
            .order_by("-revision")
            .first()
        )
        if previous is not None and previous.content_hash == self.content_hash:
            return previous
        if previous is not None and not note.strip():
            raise ValueError(_("Say what this correction changes."))
        self.revision = previous.revision + 1 if previous else 1
        self.supersedes, self.correction_note = previous, note
        self.published_at = timezone.now()
        self.save()
        return self

    def changed_cells(self) -> list[tuple[str, str, str, int, int]]:
        """(figure, row, column, before, after) for every cell a correction changed."""
        if self.supersedes is None:
            return []
        before, after = self.supersedes.snapshot["figures"], self.snapshot["figures"]
        changes = []
        for key, figure in after.items():
            old = before.get(key, {})
            for i, (row, _label) in enumerate(figure["rows"]):
                for j, (column, _clabel) in enumerate(figure["columns"]):
                    new_value = figure["cells"][i][j]
                    old_value = _cell(old, row, column)
                    if new_value != old_value:
                        changes.append((key, row, column, old_value, new_value))
        return changes


def _cell(figure: dict[str, Any], row: str, column: str) -> int:
    rows = [code for code, _label in figure.get("rows", [])]
    columns = [code for code, _label in figure.get("columns", [])]
    if row not in rows or column not in columns:
        return 0
    return int(figure["cells"][rows.index(row)][columns.index(column)])


def outside_list_context(report_id: int) -> str:
    # Binding the ciphertext to its report, as evidence is bound to its measure.
    return f"reporting.outside_list.content:{report_id}"


class OutsideList(models.Model):
    """A person list from a body off the platform, uploaded for one report's hidden-figure
    estimate (docs/person-list-format.md). It holds names, so it is kept encrypted, and only
    until the estimate it was uploaded for has been made."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="outside_lists")
    file_name = EncryptedTextField(_("file name"), max_length=200)
    records = models.PositiveIntegerField(_("records"))
    content = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outside person list")
        verbose_name_plural = _("outside person lists")

    def __str__(self) -> str:
        return f"outside list {self.pk} of report {self.report_id}"

    def read_content(self) -> bytes:
        return decrypt_bytes(bytes(self.content), outside_list_context(self.report_id))
