"""`palermo link`: link agencies' person lists into persons, for counting and estimation."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.analysis.progress import stage_progress_bar
from palermo_analytics.linkage import (
    ENGINES,
    EngineUnavailable,
    LinkageReport,
    LinkageSettings,
    link_records,
    read_person_lists,
)
from palermo_analytics.safe_output import write_csv


class Command(BaseCommand):
    help = (
        "Link person lists (CSV, see docs/person-list-format.md) with Splink: write each "
        "record's person id, the capture-history table, and a linkage report."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("lists", nargs="+", type=Path, metavar="LIST.csv")
        parser.add_argument("--out", type=Path, required=True, help="linked.csv to write")
        parser.add_argument("--histories", type=Path, help="capture-history table to write")
        parser.add_argument(
            "--threshold", type=float, default=0.9, help="match probability to join two records"
        )
        parser.add_argument("--engine", choices=ENGINES, default="duckdb")
        parser.add_argument("--model", type=Path, help="reuse a saved model.json (no training)")
        parser.add_argument(
            "--report", type=Path, help="report folder (default: beside --out, <name>_report)"
        )
        parser.add_argument("--report-format", choices=["html", "markdown"], default="html")
        parser.add_argument("--seed", type=int, default=42, help="for repeatable training")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            settings = LinkageSettings(
                threshold=options["threshold"],
                engine=options["engine"],
                model=options["model"],
                seed=options["seed"],
            )
            if settings.model is not None and not settings.model.is_file():
                raise CommandError(f"--model {settings.model}: no such file")
            lists = read_person_lists(options["lists"])
            with stage_progress_bar("link") as progress:
                result = link_records(lists, settings, progress=progress)
        except (ValueError, EngineUnavailable) as error:  # PersonListError is a ValueError
            raise CommandError(str(error)) from None
        write_csv(result.linked, out)  # private (0600), formula-safe, written whole or not at all
        written = [out]
        if options["histories"]:
            write_csv(result.capture_histories(), options["histories"])
            written.append(options["histories"])
        report_dir = options["report"] or out.with_name(f"{out.stem}_report")
        report = LinkageReport(result, lists, tuple(path.name for path in options["lists"]))
        written += report.write(report_dir, options["report_format"])
        self.stdout.write(
            f"{len(result.linked):,} records linked into {result.person_count:,} persons "
            f"(threshold {settings.threshold})"
        )
        for path in written:
            self.stdout.write(f"  {path}")
