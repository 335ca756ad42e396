"""Build the annual report's figures into a snapshot (plain JSON), with progress."""

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.reporting import sources
from palermo.reporting.counting import count_figure, count_figures, count_trend
from palermo.reporting.definitions import Context, Figure
from palermo.reporting.models import Report, content_hash
from palermo.reporting.periods import Period
from palermo_analytics.reporting import Table

Progress = Callable[[str, int, int], None]


# PostgreSQL settings for the build's own transaction (SET LOCAL: they end with it); a site may
# replace them with PALERMO_REPORT_DATABASE_SETTINGS. JIT off: at a million records the larger
# plans cost 60,000-80,000, near jit_above_cost, past which compiling their CASE expressions
# would cost more than running them. work_mem: at 4 MB the hash of a million exploitation rows
# ran in 8-16 batches on disk. Hash and merge joins off: every report query takes one period's
# records (a year: a tenth of ten years' cases or less) and follows foreign keys to primary keys,
# which index lookups (nested loops) do in a fraction of the time it takes to hash or sort the
# whole joined table — the planner prefers the hash (it hashed all 1,000,000 exploitation rows to
# join a year's 116,000 cases); with both off a build at 1M records took 4.1 s instead of 5.2 s
# (best of 3, alternating, load 7; bench/README.md). Each stays available where nothing
# else can do a join (PostgreSQL only penalises a disabled plan). Parallel workers are left as
# the server has them: on bench/report.py (1M records, 2 shared cores) turning them off was
# faster at load 7-9 and slower at load 4-5; a site whose server is busy may add
# "max_parallel_workers_per_gather": "0".
BUILD_SETTINGS = {
    "jit": "off",
    "work_mem": "64MB",
    "enable_hashjoin": "off",
    "enable_mergejoin": "off",
}


@contextmanager
def _counting_transaction() -> Iterator[None]:
    """One transaction for the whole build, tuned for aggregates on PostgreSQL."""
    with transaction.atomic():
        wanted = getattr(settings, "PALERMO_REPORT_DATABASE_SETTINGS", None)
        wanted = BUILD_SETTINGS if wanted is None else wanted
        if connection.vendor == "postgresql" and wanted:
            calls = ", ".join(["set_config(%s, %s, true)"] * len(wanted))
            values = [part for setting in wanted.items() for part in setting]
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {calls}", values)
        yield


def build_snapshot(period: Period, progress: Progress | None = None) -> dict[str, Any]:
    """Every registered figure and the five-year trend, counted now, as plain data."""
    with _counting_transaction():
        return _count_everything(period, progress)


def _count_everything(period: Period, progress: Progress | None) -> dict[str, Any]:
    context = Context.for_period(period)
    figures = sources.figures()
    total = len(figures) + 1
    built: dict[str, Any] = {}
    tables = count_figures(figures, context)
    for done, figure in enumerate(figures):
        if progress:
            progress(figure.key, done, total)
        built[figure.key] = _figure_data(figure, context, tables[figure.key])
    if progress:
        progress("trend", len(figures), total)
    trend = count_trend(sources.trend_measures(), context, period.trend())
    if progress:
        progress("done", total, total)
    return {
        "period": {
            "kind": period.kind.value,
            "year": period.year,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "settings": context.settings,
        "figures": built,
        "trend": _table_data(trend),
        "built_at": timezone.now().isoformat(),
    }


def build_report(period: Period, by: User | None, progress: Progress | None = None) -> Report:
    snapshot = build_snapshot(period, progress)
    report = Report.objects.create(
        year=period.year,
        period=period.kind.value,
        snapshot=snapshot,
        content_hash=content_hash(snapshot),
        built_by=by,
    )
    record_event(
        by,
        "report_built",
        "report",
        str(report.pk),
        changes={"year": period.year, "period": period.kind.value, "hash": report.content_hash},
    )
    return report


def _figure_data(figure: Figure, context: Context, table: Table | None = None) -> dict[str, Any]:
    """The figure as plain data; its table is counted here unless given (counted already)."""
    table = table or count_figure(figure, context)
    data = {
        **_table_data(table),
        "section": figure.section.value,
        "title": str(figure.title),
        "rule": str(figure.rule),
        "standards": sorted(figure.standards),
        "is_amount": figure.is_amount,
        "is_about_no_one": figure.is_about_no_one,
    }
    if figure.is_amount:
        # How many records make each amount: the public edition hides an amount of few.
        counting = dataclasses.replace(
            figure,
            measures=[m.counting_records() for m in figure.measures],
            is_amount=False,
        )
        data["contributors"] = count_figure(counting, context).cells
    return data


def _table_data(table: Any) -> dict[str, Any]:
    return {
        "rows": [[code, table.label(code)] for code in table.rows],
        "columns": [[code, table.label(code)] for code in table.columns],
        "cells": table.cells,
    }
