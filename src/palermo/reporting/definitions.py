"""How a report figure is declared: measures (what is counted, from which records, placed in a
period by which date) and dimensions (how the counts are broken down), as SQL expressions.

A figure is counted by one GROUP BY per measure, never by looping over rows in Python; a cell
drills down by filtering the same query on the same expressions, so the records behind a figure
are exactly those it counted.
"""

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Count, Expression, F, Func, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.jurisdiction.models import Jurisdiction
from palermo.reporting.periods import Period


class Section(StrEnum):
    PROSECUTION = "prosecution"
    PROTECTION = "protection"
    PREVENTION = "prevention"
    FUNDING = "funding"
    QUALITY = "quality"


class Standard(StrEnum):
    """The outside reports a figure answers (each is an export of its own)."""

    GLOTIP = "glotip"
    EUROSTAT = "eurostat"
    TIP = "tip"


@dataclass(frozen=True)
class Context:
    """What a figure needs besides the records: the period and the pack's statistics settings."""

    period: Period
    settings: dict[str, Any] = field(default_factory=dict)
    agencies: list[tuple[str, str]] = field(default_factory=list)
    provisions: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def for_period(cls, period: Period) -> "Context":
        jurisdiction = Jurisdiction.objects.active()
        if jurisdiction is None:
            return cls(period)
        return cls(
            period,
            jurisdiction.statistics or {},
            [(a.code, a.name) for a in jurisdiction.agencies.order_by("code")],
            [(p.code, p.title) for p in jurisdiction.provisions.order_by("code")],
        )

    def lesser_offences(self) -> list[str]:
        return list(self.settings.get("lesser_offences", []))


Categories = Callable[[Context], list[tuple[str, str]]]
Expressing = Callable[[str, Context], Expression | F]


@dataclass(frozen=True)
class Dimension:
    """A breakdown: fixed categories (zero rows kept) and the SQL expression giving a record's
    category, about one entity (`person`, `victim_case`, `criminal_case`, ...)."""

    key: str
    title: Promise | str
    entity: str
    categories: Categories
    expression: Expressing


@dataclass(frozen=True)
class Measure:
    """Something counted: the records, the date that places one in a period, and what is counted
    (distinct persons, say) — or summed (`sum_of`, an amount).

    A record that lasts (a stay in a shelter) names the date it `ends` too (blank while it
    lasts): it then belongs to every period its span overlaps, and `sums_days` adds up the days
    of its span inside the period — never days after the period, nor after today.
    """

    code: str
    label: Promise | str
    records: Callable[[Context], QuerySet[Any]]
    date: str
    reference: str
    paths: dict[str, str]
    counted: str = ""
    sum_of: str = ""
    date_is_datetime: bool = False
    condition: Q = field(default_factory=Q)
    ends: str = ""
    sums_days: bool = False

    def in_period(
        self, context: Context, start: datetime.date, end: datetime.date
    ) -> QuerySet[Any]:
        return self.records(context).filter(self.within(start, end) & self.condition)

    def within(self, start: datetime.date, end: datetime.date) -> Q:
        """The date in [start, end]; a date-time by its UTC day, compared as a range so the
        column's index serves it. A record with an end: its span overlaps [start, end]."""
        if self.ends:
            still_running = Q(**{f"{self.ends}__isnull": True})
            return Q(**{f"{self.date}__lte": end}) & (
                Q(**{f"{self.ends}__gte": start}) | still_running
            )
        if self.date_is_datetime:
            after, before = _midnight(start), _midnight(end, 1)
            return Q(**{f"{self.date}__gte": after, f"{self.date}__lt": before})
        return Q(**{f"{self.date}__gte": start, f"{self.date}__lte": end})

    def aggregate(
        self,
        only: Q | None = None,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
    ) -> Count | Sum:
        """What a cell holds; `only` restricts it (one query can then count several measures).
        A sum of days needs the period [start, end] its spans are clipped to."""
        if self.sums_days:
            if start is None or end is None:
                raise ValueError(f"measure {self.code} sums days: it needs the period")
            return Sum(self.days_within(start, end), filter=only)
        if self.sum_of:
            return Sum(self.sum_of, filter=only)
        if self.counted:
            return Count(self.counted, distinct=True, filter=only)
        return Count("pk", filter=only)

    def shares_a_query_with(self) -> tuple[object, ...]:
        """Measures with the same key are counted in one query, each through its own filter."""
        return (
            self.records,
            self.counted,
            self.sum_of,
            self.sums_days,
            tuple(sorted(self.paths.items())),
        )

    def days_within(self, start: datetime.date, end: datetime.date) -> Expression:
        """Days of the record's span inside [start, end] and up to today, both ends counted."""
        last_day = min(end, timezone.localdate())
        last = Least(Coalesce(F(self.ends), Value(last_day)), Value(last_day))
        first = Greatest(F(self.date), Value(start))
        return Greatest(DaysBetween(last, first) + 1, Value(0))

    def counting_records(self) -> "Measure":
        """The same records, counted instead of summed (how many make up an amount)."""
        return dataclasses.replace(self, sum_of="", sums_days=False)

    def express(self, dimension: Dimension, context: Context) -> Expression | F:
        if dimension.entity not in self.paths:
            raise ValueError(f"measure {self.code} cannot be broken down by {dimension.key}")
        return dimension.expression(self.paths[dimension.entity], context)


@dataclass(frozen=True)
class Figure:
    """A table of the report: either one measure by `rows` × `columns`, or several measures as
    rows by `columns`."""

    key: str
    section: Section
    title: Promise | str
    measures: list[Measure]
    rows: Dimension | None = None
    columns: Dimension | None = None
    standards: frozenset[Standard] = frozenset()
    rule: Promise | str = ""
    is_amount: bool = False
    # An amount about no person (the committee's budget): the public edition shows it as it is.
    is_about_no_one: bool = False

    def __post_init__(self) -> None:
        if self.rows is not None and len(self.measures) != 1:
            raise ValueError(f"figure {self.key}: a rows dimension goes with exactly one measure")

    def row_categories(self, context: Context) -> list[tuple[str, str]]:
        if self.rows is not None:
            return self.rows.categories(context)
        return [(measure.code, str(measure.label)) for measure in self.measures]

    def column_categories(self, context: Context) -> list[tuple[str, str]]:
        if self.columns is not None:
            return self.columns.categories(context)
        return [(ALL, str(ALL_LABEL))]


class DaysBetween(Func):
    """Whole days from the second date to the first (negative when it comes after)."""

    arity = 2
    output_field = IntegerField()
    # PostgreSQL: date minus date is an integer of days.
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _midnight(day: datetime.date, days_later: int = 0) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    return moment + datetime.timedelta(days=days_later)


ALL = "all"
ALL_LABEL = _("number")


def everything(_path: str, _context: Context) -> Value:
    return Value(ALL)
