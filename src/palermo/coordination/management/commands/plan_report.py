"""`palermo report plan --period 2026Q3 --format html|xlsx|pdf [--out FILE]`.

The whole plan's progress for one period, for the committee's secretariat. `palermo report plan`
is this command (the `palermo` entry point maps it; `plan-report` works too).
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from palermo.audit.log import record_event
from palermo.coordination import report_formats
from palermo.coordination.models import Measure
from palermo.coordination.progress import plan_report


class Command(BaseCommand):
    help = "Write the action plan's progress report for one period (html, xlsx or pdf)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="a quarter (2026Q3) or a year (2026)")
        parser.add_argument("--format", choices=report_formats.FORMATS, default="html")
        parser.add_argument(
            "--out", "--output", dest="output", type=Path, help="file to write (default: stdout)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = plan_report(Measure.objects.all(), options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        kind = options["format"]
        body: bytes
        if kind == "pdf":
            body = report_formats.as_pdf(report)
        elif kind == "xlsx":
            body = report_formats.as_xlsx(report)
        else:
            body = report_formats.as_html(report).encode()
        output: Path | None = options["output"]
        if output is None and kind != "html":
            raise CommandError(f"--format {kind} needs --output FILE")
        if output is None:
            sys.stdout.buffer.write(body)
        else:
            output.write_bytes(body)
            self.stderr.write(f"wrote {output} ({len(body)} bytes)")
        record_event(None, "export", "plan_report", report.period.code, changes={"format": kind})
