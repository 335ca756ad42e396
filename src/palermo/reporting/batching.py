# ruff: noqa: S608  (the SQL around the compiled query is this module's own names and numbers)
"""Count the figures that read the same records in one statement.

Several figures count distinct persons over the same records: presumed and identified victims by
sex and age, by form, by citizenship, the unknowns among them, all over the victim cases. Counted
one figure at a time, each joins the period's cases to the persons (and exploitation) again: at a
million records about 0.3 s a figure. Counted together, the records are read and joined once into
a list of facts — whom each record counts, its category in every figure's breakdown, and whether
each measure counts it — which each figure's measures then count, in the same statement:

    WITH facts AS (SELECT who, d0, d1, q0, d2, q1, ... FROM cases JOIN persons ...)
    SELECT 0, d0, d1, COUNT(DISTINCT who) FROM facts WHERE q0 GROUP BY 2, 3
    UNION ALL SELECT 1, NULL, d2, COUNT(DISTINCT who) FROM facts WHERE q1 GROUP BY 2, 3 ...

(PostgreSQL computes a CTE read more than once only once.)

Each (figure, measure) pair is a part; its conditions and breakdowns are the very expressions the
figure counts with alone (`Measure.within`, `Measure.express`), so a figure counts the same
either way (tests/reporting/test_batching.py compares them).

Only distinct counts are batched. The joins one figure's breakdown adds (a non-null foreign key,
or a left join where the link may be missing) never drop a record another figure counts, and a
record repeated by a join changes no distinct count — but it would change a plain count or a sum,
which are therefore counted figure by figure as before.
"""

import functools
import operator
from collections.abc import Iterable
from typing import Any

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, Q

from palermo.reporting.definitions import ALL, Context, Dimension, Figure, Measure

Part = tuple[Figure, Measure]
Counts = dict[str, dict[tuple[str, str], int]]


def batches(figures: Iterable[Figure]) -> list[list[Part]]:
    """The (figure, measure) parts worth counting together: distinct counts of the same thing
    over the same records, placed in the period by dates of the same table, from at least two
    figures. (Dates of two tables — a suspect's arrest, the case's report — would make the
    statement select the records where either date falls in the period, an OR no index serves:
    it read every suspect.)"""
    grouped: dict[tuple[object, ...], list[Part]] = {}
    for figure in figures:
        for measure in figure.measures:
            if measure.counted and not measure.sum_of and not measure.sums_days:
                dated_by = measure.date.rpartition("__")[0]
                key = (measure.records, measure.counted, dated_by)
                grouped.setdefault(key, []).append((figure, measure))
    return [parts for parts in grouped.values() if len({f.key for f, _m in parts}) > 1]


def count_together(parts: list[Part], context: Context) -> Counts:
    """Each part's counts by (row, column), by figure key, from one statement."""
    facts = _Facts(parts[0][1], context)
    branches = [facts.branch(figure, measure) for figure, measure in parts]
    queryset = parts[0][1].records(context).filter(facts.wanted())
    queryset = queryset.annotate(**facts.annotations).values("who", *facts.names)
    queryset = queryset.order_by()  # a model's default order would sort the facts for nothing
    inner, params = queryset.query.get_compiler(queryset.db).as_sql()
    quote = connections[queryset.db].ops.quote_name
    # Each part grouped on its own: COUNT(DISTINCT) sorts a part's rows by person within its
    # groups; one GROUP BY over all parts' rows together sorted several times as much (and spilled
    # to disk at a million records), and a hash of the (part, person) pairs was slower still.
    sql = f"WITH facts AS ({inner}) " + " UNION ALL ".join(
        f"SELECT {index}, {_column(row, quote)}, {_column(column, quote)}, "
        f"COUNT(DISTINCT {quote('who')}) FROM facts WHERE {quote(condition)} GROUP BY 2, 3"
        for index, (row, column, condition) in enumerate(branches)
    )
    counts: Counts = {figure.key: {} for figure, _measure in parts}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for index, row, column, number in cursor.fetchall():
            figure, measure = parts[index]
            cell = (row if figure.rows else measure.code, column if figure.columns else ALL)
            counts[figure.key][cell] = number
    return counts


def _column(name: str | None, quote: Any) -> str:
    return quote(name) if name else "NULL"


class _Facts:
    """The columns of the facts, each expression once however many parts use it."""

    def __init__(self, first: Measure, context: Context) -> None:
        self.context = context
        self.annotations: dict[str, Any] = {"who": F(first.counted)}
        self.names: list[str] = []
        self._breakdowns: dict[tuple[Dimension, str], str] = {}
        self._conditions: list[Q] = []
        self._periods: list[Q] = []

    def branch(self, figure: Figure, measure: Measure) -> tuple[str | None, str | None, str]:
        """The names of a part's row, column and condition (no row: the measure is the row;
        no column: one column for everything)."""
        row = self._breakdown(figure.rows, measure) if figure.rows else None
        column = self._breakdown(figure.columns, measure) if figure.columns else None
        within = measure.within(self.context.period.start, self.context.period.end)
        if within not in self._periods:
            self._periods.append(within)
        return row, column, self._condition(within & measure.condition)

    def wanted(self) -> Q:
        """The records in the period by any part's date: a superset of those the parts count
        (each filters its own), without their conditions, which would only make the planner
        expect more records than there are."""
        return functools.reduce(operator.or_, self._periods)

    def _breakdown(self, dimension: Dimension, measure: Measure) -> str:
        # The dimension itself, not its key: two apps may name different breakdowns alike.
        key = (dimension, measure.paths.get(dimension.entity, ""))
        if key not in self._breakdowns:
            name = f"d{len(self._breakdowns)}"
            self._breakdowns[key] = name
            self.annotations[name] = measure.express(dimension, self.context)
            self.names.append(name)
        return self._breakdowns[key]

    def _condition(self, condition: Q) -> str:
        if condition not in self._conditions:
            self._conditions.append(condition)
            name = f"q{len(self._conditions) - 1}"
            self.annotations[name] = ExpressionWrapper(condition, output_field=BooleanField())
            self.names.append(name)
        return f"q{self._conditions.index(condition)}"
