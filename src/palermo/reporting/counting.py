"""Count a figure with SQL aggregates, and find the records behind one of its cells."""

from typing import Any

from django.db.models import Case, CharField, QuerySet, Value, When

from palermo.reporting.definitions import ALL, Context, Figure, Measure
from palermo.reporting.periods import Period
from palermo_analytics.reporting import Table

# A drill-down lists at most this many references; the page says when there are more.
DRILL_DOWN_LIMIT = 500


def count_figure(figure: Figure, context: Context) -> Table:
    """The figure's table for the context's period: one GROUP BY per measure."""
    rows, columns = figure.row_categories(context), figure.column_categories(context)
    counts: dict[tuple[str, str], int] = {}
    for measure in figure.measures:
        period = context.period
        grouped = (
            _categorised(
                figure, measure, context, measure.in_period(context, period.start, period.end)
            )
            .values("_row", "_column")
            .annotate(n=measure.aggregate())
            .order_by()
        )
        for found in grouped:
            counts[(found["_row"], found["_column"])] = round(found["n"] or 0)
    labels = dict(rows) | dict(columns)
    return Table.from_counts(
        figure.key, [r for r, _ in rows], [c for c, _ in columns], counts, labels
    )


def records_behind(figure: Figure, context: Context, row: str, column: str) -> QuerySet[Any, str]:
    """The pseudonymous references of the records one cell counted."""
    measure = _measure_of_row(figure, row)
    period = context.period
    queryset = _categorised(
        figure, measure, context, measure.in_period(context, period.start, period.end)
    )
    return (
        queryset.filter(_row=row, _column=column)
        .values_list(measure.reference, flat=True)
        .distinct()
        .order_by(measure.reference)
    )


def count_trend(measures: list[Measure], context: Context, periods: list[Period]) -> Table:
    """Measures (rows) by period (columns), one GROUP BY per measure over the whole span."""
    columns = [str(period.year) for period in periods]
    counts: dict[tuple[str, str], int] = {}
    for measure in measures:
        year = _year_of(measure, context, periods)
        grouped = (
            measure.in_period(context, periods[0].start, periods[-1].end)
            .annotate(_column=year)
            .values("_column")
            .annotate(n=measure.aggregate())
            .order_by()
        )
        for found in grouped:
            counts[(measure.code, found["_column"])] = round(found["n"] or 0)
    labels = {measure.code: str(measure.label) for measure in measures}
    return Table.from_counts("trend", [m.code for m in measures], columns, counts, labels)


def trend_records(measure: Measure, context: Context, period: Period) -> QuerySet[Any, str]:
    return (
        measure.in_period(context, period.start, period.end)
        .values_list(measure.reference, flat=True)
        .distinct()
        .order_by(measure.reference)
    )


def _categorised(
    figure: Figure, measure: Measure, context: Context, queryset: QuerySet[Any]
) -> QuerySet[Any]:
    row = measure.express(figure.rows, context) if figure.rows else Value(measure.code)
    column = measure.express(figure.columns, context) if figure.columns else Value(ALL)
    return queryset.annotate(_row=row, _column=column)


def _measure_of_row(figure: Figure, row: str) -> Measure:
    if figure.rows is not None:
        return figure.measures[0]
    for measure in figure.measures:
        if measure.code == row:
            return measure
    raise KeyError(row)


def _year_of(measure: Measure, context: Context, periods: list[Period]) -> Case:
    return Case(
        *[
            When(measure.within(context, period.start, period.end), then=Value(str(period.year)))
            for period in periods
        ],
        default=Value(""),
        output_field=CharField(),
    )
