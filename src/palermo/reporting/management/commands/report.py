"""`palermo report annual --year 2025 --format html --out report.html [--public]`."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.audit.log import record_event
from palermo.reporting.build import build_report
from palermo.reporting.definitions import Standard
from palermo.reporting.estimate import estimate_hidden_figure
from palermo.reporting.exports import FORMATS, export
from palermo.reporting.models import Report
from palermo.reporting.periods import Period, PeriodKind
from palermo_analytics.linkage import read_person_lists
from palermo_analytics.progress import stage_progress_bar


class Command(BaseCommand):
    help = (
        "Build the annual report from the records and write it as HTML, PDF, JSON, CSV or XLSX. "
        "--public writes the public edition (small counts hidden or rounded)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "kind",
            choices=["annual", "estimate"],
            help="annual: the report; estimate: the hidden figure of the period's last build",
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--period", choices=[k.value for k in PeriodKind], default="calendar")
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument("--out", type=Path, help="the file to write (annual)")
        parser.add_argument(
            "--lists",
            type=Path,
            nargs="*",
            default=None,
            help="estimate: person lists from bodies off the platform, linked with the registry's",
        )
        parser.add_argument("--public", action="store_true")
        parser.add_argument(
            "--standard",
            choices=[s.value for s in Standard],
            help="only the figures one outside report asks for (GLOTIP, Eurostat, TIP)",
        )
        parser.add_argument("--publish", metavar="NOTE", nargs="?", const="", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.of(options["year"], options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["kind"] == "estimate":
            self._estimate(period, options["lists"])
            return
        if options["out"] is None:
            raise CommandError("--out FILE is needed for the annual report")
        with stage_progress_bar("report") as progress:
            report = build_report(period, None, progress)
        if options["publish"] is not None:
            try:
                report = report.publish(options["publish"])
            except ValueError as error:
                raise CommandError(str(error)) from None
        years = [each.year for each in period.trend()]
        estimates = Report.objects.estimates_of(years, period.kind.value)
        content = export(
            report.snapshot, options["format"], options["public"], options["standard"], estimates
        )
        try:
            options["out"].write_bytes(content)
        except OSError as error:
            raise CommandError(f"{options['out']}: {error}") from None
        edition = "public" if options["public"] else "committee"
        print(
            f"{options['out']}: {edition} edition, {period.label()}, "
            f"content hash {report.content_hash[:16]}",
            file=sys.stderr,
        )

    def _estimate(self, period: Period, paths: list[Path] | None) -> None:
        try:
            uploaded = read_person_lists(paths) if paths else None
        except ValueError as error:  # PersonListError names the file, row and column
            raise CommandError(str(error)) from None
        report = Report.objects.of_period(period.year, period.kind).first()
        if report is None:
            raise CommandError(f"no report built for {period.label()}: run `report annual` first")
        with stage_progress_bar("estimate") as progress:
            report.estimate = estimate_hidden_figure(period, progress, uploaded)
        report.save(update_fields=["estimate"])
        record_event(None, "report_estimate", "report", str(report.pk))
        result = report.estimate
        if result.get("estimate") is not None:
            interval = result["interval"]
            self.stdout.write(
                f"Identified {result['observed']:,} of an estimated {result['estimate']:,.0f} "
                f"(from {interval['low']:,.0f} to {interval['high']:,.0f}: the range of the "
                "models' 95 % intervals)"
            )
            for name, model in result["methods"].items():
                self.stdout.write(
                    f"  {name}: {model['estimate']:,.0f} ({model['low']:,.0f}–{model['high']:,.0f})"
                )
        else:
            self.stdout.write(f"Identified {result['observed']:,}; no estimate.")
        for warning in result["warnings"]:
            self.stdout.write(f"  warning: {warning}")
