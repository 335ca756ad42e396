"""`palermo link`: link agencies' person lists into persons, for counting and estimation."""

import argparse
from collections.abc import Sequence
from pathlib import Path

from palermo_analytics.cli import CommandFailed

# Kept here rather than imported, so that `--help` does not load Splink and DuckDB (a test checks
# both against the library's own).
ENGINES = ("duckdb", "spark")
DEFAULT_THRESHOLD = 0.5
DEFAULT_COHESION = 0.0


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="palermo link",
        description=(
            "Link person lists (CSV, see docs/person-list-format.md) with Splink: write each "
            "record's person id, the capture-history table, and a linkage report."
        ),
    )
    parser.add_argument("lists", nargs="+", type=Path, metavar="LIST.csv")
    parser.add_argument("--out", type=Path, required=True, help="linked.csv to write")
    parser.add_argument("--histories", type=Path, help="capture-history table to write")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help="match probability to join two records (default chosen for the estimate)",
    )
    parser.add_argument(
        "--cohesion",
        type=float,
        default=DEFAULT_COHESION,
        metavar="BITS",
        help="split records joined through others where the parts' mean match weight is below "
        "this (default 0: more likely different people than the same)",
    )
    parser.add_argument(
        "--no-cohesion-guard",
        action="store_true",
        help="plain transitive closure: join every chain of links at or above the threshold",
    )
    parser.add_argument("--engine", choices=ENGINES, default="duckdb")
    parser.add_argument("--model", type=Path, help="reuse a saved model.json (no training)")
    parser.add_argument(
        "--report", type=Path, help="report folder (default: beside --out, <name>_report)"
    )
    parser.add_argument("--report-format", choices=["html", "markdown"], default="html")
    parser.add_argument("--seed", type=int, default=42, help="for repeatable training")
    parser.add_argument(
        "--decisions",
        type=Path,
        help="reviewers' decisions (CSV: source_l, record_id_l, source_r, record_id_r, "
        "decision) to apply: same = link, different = do not",
    )
    return parser


def main(argv: Sequence[str]) -> None:
    options = parser().parse_args(argv)
    from palermo_analytics.linkage import (
        EngineUnavailable,
        LinkageReport,
        LinkageSettings,
        link_records,
        read_decisions,
        read_person_lists,
    )
    from palermo_analytics.progress import stage_progress_bar
    from palermo_analytics.safe_output import write_csv

    out: Path = options.out
    if options.model is not None and not options.model.is_file():
        raise CommandFailed(f"--model {options.model}: no such file")
    try:
        settings = LinkageSettings(
            threshold=options.threshold,
            engine=options.engine,
            model=options.model,
            seed=options.seed,
            cohesion=None if options.no_cohesion_guard else options.cohesion,
        )
        lists = read_person_lists(options.lists)
        decisions = read_decisions(options.decisions) if options.decisions else None
        with stage_progress_bar("link") as progress:
            result = link_records(lists, settings, progress=progress, decisions=decisions)
    except (ValueError, EngineUnavailable) as error:  # PersonListError is a ValueError
        raise CommandFailed(str(error)) from None
    write_csv(result.linked, out)  # private (0600), formula-safe, written whole or not at all
    written = [out]
    if options.histories:
        write_csv(result.capture_histories(), options.histories)
        written.append(options.histories)
    report_dir = options.report or out.with_name(f"{out.stem}_report")
    report = LinkageReport(result, lists, tuple(path.name for path in options.lists))
    written += report.write(report_dir, options.report_format)
    print(
        f"{len(result.linked):,} records linked into {result.person_count:,} persons "
        f"(threshold {settings.threshold})"
    )
    for path in written:
        print(f"  {path}")
