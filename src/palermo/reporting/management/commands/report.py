"""`palermo report annual --year 2025 --format html --out report.html [--public]`."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.analysis.progress import stage_progress_bar
from palermo.reporting.build import build_report
from palermo.reporting.definitions import Standard
from palermo.reporting.exports import FORMATS, export
from palermo.reporting.periods import Period, PeriodKind


class Command(BaseCommand):
    help = (
        "Build the annual report from the records and write it as HTML, PDF, JSON, CSV or XLSX. "
        "--public writes the public edition (small counts hidden or rounded)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--period", choices=[k.value for k in PeriodKind], default="calendar")
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument("--out", type=Path, required=True)
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
        with stage_progress_bar("report") as progress:
            report = build_report(period, None, progress)
        if options["publish"] is not None:
            try:
                report = report.publish(options["publish"])
            except ValueError as error:
                raise CommandError(str(error)) from None
        content = export(report.snapshot, options["format"], options["public"], options["standard"])
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
