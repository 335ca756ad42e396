"""Count a figure with SQL aggregates, and find the records behind one of its cells.

Measures over the same records are counted in one query, each through a FILTER on its own date
and condition (conditional aggregation), so a figure of five measures reads its table once.
"""

import functools
import operator
from typing import Any

from django.db.models import QuerySet, Value

from palermo.reporting.batching import Counts, batches, count_together
from palermo.reporting.definitions import ALL, Context, Figure, Measure
from palermo.reporting.periods import Period
from palermo_analytics.reporting import Table

# A drill-down lists at most this many references; the page says when there are more.
DRILL_DOWN_LIMIT = 500


def count_figures(figures: list[Figure], context: Context) -> dict[str, Table]:
    """Every figure's table, by key. The distinct counts several figures make over the same
    records are made together, in one statement each (palermo.reporting.batching)."""
    found: Counts = {figure.key: {} for figure in figures}
    done: set[tuple[str, int]] = set()
    for parts in batches(figures):
        for key, counts in count_together(parts, context).items():
            found[key] |= counts
        done |= {(figure.key, id(measure)) for figure, measure in parts}
    return {
        figure.key: count_figure(
            figure,
            context,
            found[figure.key],
            [m for m in figure.measures if (figure.key, id(m)) in done],
        )
        for figure in figures
    }


def count_figure(
    figure: Figure,
    context: Context,
    counted: dict[tuple[str, str], int] | None = None,
    measures_counted: list[Measure] | None = None,
) -> Table:
    """The figure's table for the context's period; `counted` holds the counts of the measures
    `measures_counted`, made already (with other figures'), and the rest are counted here."""
    rows, columns = figure.row_categories(context), figure.column_categories(context)
    period = context.period
    counts = dict(counted or {})
    already = measures_counted or []
    rest = [measure for measure in figure.measures if all(measure is not m for m in already)]
    if figure.rows is not None:
        if rest:
            counts |= _count_by_rows(figure, rest[0], context)
    else:
        for group in _query_groups(rest):
            counts |= _count_measures(figure, group, context, period)
    labels = dict(rows) | dict(columns)
    return Table.from_counts(
        figure.key, [r for r, _ in rows], [c for c, _ in columns], counts, labels
    )


def records_behind(figure: Figure, context: Context, row: str, column: str) -> QuerySet[Any, str]:
    """The pseudonymous references of the records one cell counted."""
    measure = _measure_of_row(figure, row)
    period = context.period
    queryset = measure.in_period(context, period.start, period.end)
    queryset = queryset.annotate(_column=_column_of(figure, measure, context))
    if figure.rows is not None:
        queryset = queryset.annotate(_row=measure.express(figure.rows, context)).filter(_row=row)
    return (
        queryset.filter(_column=column)
        .values_list(measure.reference, flat=True)
        .distinct()
        .order_by(measure.reference)
    )


def count_trend(measures: list[Measure], context: Context, periods: list[Period]) -> Table:
    """Measures (rows) by period (columns): one query per group of measures over one table,
    one filtered aggregate per measure and year."""
    columns = [str(period.year) for period in periods]
    counts: dict[tuple[str, str], int] = {}
    for group in _query_groups(measures):
        aggregates = {
            f"m{index}_{period.year}": measure.aggregate(
                measure.within(period.start, period.end) & measure.condition,
                period.start,
                period.end,
            )
            for index, measure in enumerate(group)
            for period in periods
        }
        found = _either(group, context, periods[0], periods[-1]).aggregate(**aggregates)
        for index, measure in enumerate(group):
            for period in periods:
                value = found[f"m{index}_{period.year}"] or 0
                counts[(measure.code, str(period.year))] = round(value)
    labels = {measure.code: str(measure.label) for measure in measures}
    return Table.from_counts("trend", [m.code for m in measures], columns, counts, labels)


def trend_records(measure: Measure, context: Context, period: Period) -> QuerySet[Any, str]:
    return (
        measure.in_period(context, period.start, period.end)
        .values_list(measure.reference, flat=True)
        .distinct()
        .order_by(measure.reference)
    )


def _count_by_rows(
    figure: Figure, measure: Measure, context: Context
) -> dict[tuple[str, str], int]:
    assert figure.rows is not None
    period = context.period
    grouped = (
        measure.in_period(context, period.start, period.end)
        .annotate(
            _row=measure.express(figure.rows, context),
            _column=_column_of(figure, measure, context),
        )
        .values("_row", "_column")
        .annotate(n=measure.aggregate(start=period.start, end=period.end))
        .order_by()
    )
    return {(found["_row"], found["_column"]): round(found["n"] or 0) for found in grouped}


def _count_measures(
    figure: Figure, group: list[Measure], context: Context, period: Period
) -> dict[tuple[str, str], int]:
    first = group[0]
    aggregates = {
        f"m{index}": measure.aggregate(
            measure.within(period.start, period.end) & measure.condition, period.start, period.end
        )
        for index, measure in enumerate(group)
    }
    grouped = (
        _either(group, context, period, period)
        .annotate(_column=_column_of(figure, first, context))
        .values("_column")
        .annotate(**aggregates)
        .order_by()
    )
    counts = {}
    for found in grouped:
        for index, measure in enumerate(group):
            counts[(measure.code, found["_column"])] = round(found[f"m{index}"] or 0)
    return counts


def _either(group: list[Measure], context: Context, first: Period, last: Period) -> QuerySet[Any]:
    """The records any measure of the group counts between two periods."""
    wanted = functools.reduce(
        operator.or_, [m.within(first.start, last.end) & m.condition for m in group]
    )
    return group[0].records(context).filter(wanted)


def _query_groups(measures: list[Measure]) -> list[list[Measure]]:
    groups: dict[tuple[object, ...], list[Measure]] = {}
    for measure in measures:
        groups.setdefault(measure.shares_a_query_with(), []).append(measure)
    return list(groups.values())


def _column_of(figure: Figure, measure: Measure, context: Context) -> Any:
    return measure.express(figure.columns, context) if figure.columns else Value(ALL)


def _measure_of_row(figure: Figure, row: str) -> Measure:
    if figure.rows is not None:
        return figure.measures[0]
    for measure in figure.measures:
        if measure.code == row:
            return measure
    raise KeyError(row)
