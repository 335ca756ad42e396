"""Read statements compiled once per shape, then run with each call's own values.

Building a list's query with the ORM (the access rules' conditions and subqueries) and compiling
it to SQL costs a list call more CPU than the database spends running it: about 2.5 ms against
0.2 ms for a page of 25 cases. Yet the SQL depends only on the query's *shape*: which rules apply
to the caller (their roles, whether they belong to an agency), the filters asked, the page. So a
query is built and compiled once per shape and database connection, with stand-in values where
the caller's own go (their id, their agency's, the current time), and later calls with the same
shape run the same SQL with their values in those places.

Two rules keep a statement from answering one caller with another's rows:

- The builder sees the caller only through a stand-in that carries the shape and nothing else
  (accounts/shapes.py), so whatever the SQL depends on is in the key or a slot.
- A statement is compiled twice, with two different sets of stand-in values. The SQL must come
  out the same, and the parameters must differ exactly where a stand-in went in; otherwise the
  statement is refused (`ShapeError`). A value the builder computes itself (the clock, say) or
  writes into the SQL text would otherwise be frozen into the statement for every later call.
"""

import weakref
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from palermo.core.probes import probing_plan

# A slot's kind: an integer (an id), a string (a reference) or an aware datetime.
Kind = type[int] | type[str] | type[datetime]
Slots = Mapping[str, Kind]
Builder = Callable[[Mapping[str, Any]], QuerySet[Any]]

# Stand-ins no real value takes: negative ids, strings with a control character, datetimes in
# 1901 and 1902. The ids stay within 32 bits: Django compiles an id out of the backend's
# integer range to "no rows", which would hide the slot.
_FIRST_IDS = (-1_900_000_000, -1_800_000_000)
_FIRST_TIMES = (datetime(1901, 1, 1, tzinfo=UTC), datetime(1902, 1, 1, tzinfo=UTC))

# Statements kept per connection; a bounded number of shapes (roles × filters × pages), emptied
# whole in the unlikely case it fills.
MOST_STATEMENTS = 1000


class ShapeError(RuntimeError):
    """The builder's SQL depends on something that is neither in the key nor a slot."""


@dataclass(frozen=True)
class Statement:
    sql: str | None  # None: the shape matches no rows (the ORM's EmptyResultSet)
    params: tuple[Any, ...]
    places: tuple[tuple[int, str], ...]  # (parameter's index, slot's name)
    kinds: Mapping[str, Kind]
    names: tuple[str, ...]  # the columns, as values() names them
    compiler: SQLCompiler  # its converters turn columns into Python values, as the ORM does
    converters: dict[int, Any]

    def bound(self, values: Mapping[str, Any], db: BaseDatabaseWrapper) -> list[Any]:
        params = list(self.params)
        for index, name in self.places:
            params[index] = _adapted(values[name], self.kinds[name], db)
        return params


def statement_context() -> tuple[Hashable, ...]:
    """What a statement over the access rules depends on besides its caller and arguments: a
    year's bounds on the time zone, the plan on the tables' sizes (core/probes.py). Part of
    every such statement's key."""
    return (timezone.get_current_timezone_name(), probing_plan(connections[DEFAULT_DB_ALIAS]))


def rows(
    key: Hashable, build: Builder, slots: Slots, values: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The rows of `build`'s values() query for this key, with `values` in the slots."""
    db = connections[DEFAULT_DB_ALIAS]
    statement = _statement(("rows", key), build, slots, db)
    if statement.sql is None:
        return []
    with db.cursor() as cursor:
        cursor.execute(statement.sql, statement.bound(values, db))
        found = cursor.fetchall()
    width = len(statement.names)
    converted = statement.compiler.apply_converters(found, statement.converters)
    return [dict(zip(statement.names, row[:width], strict=True)) for row in converted]


def capped_count(
    key: Hashable, build: Builder, slots: Slots, values: Mapping[str, Any], cap: int
) -> int:
    """How many rows `build`'s query has, counting at most `cap`."""
    db = connections[DEFAULT_DB_ALIAS]

    def first_rows(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        return build(stand_ins).order_by().values("pk")[:cap]

    statement = _statement(("count", cap, key), first_rows, slots, db)
    if statement.sql is None:
        return 0
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM ({statement.sql}) capped",  # noqa: S608 (compiled by the ORM)
            statement.bound(values, db),
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


_statements: "weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[Hashable, Statement]]" = (
    weakref.WeakKeyDictionary()
)


def _statement(key: Hashable, build: Builder, slots: Slots, db: BaseDatabaseWrapper) -> Statement:
    known = _statements.setdefault(db, {})
    found = known.get(key)
    if found is None:
        if len(known) >= MOST_STATEMENTS:
            known.clear()
        found = known[key] = _compiled(key, build, slots, db)
    return found


def _compiled(key: Hashable, build: Builder, slots: Slots, db: BaseDatabaseWrapper) -> Statement:
    first, second = (_stand_ins(slots, run) for run in (0, 1))
    queryset = build(first)
    compiler = queryset.query.get_compiler(connection=db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return _matching_nothing(key, build, second, db, compiler)
    again, params_again = build(second).query.get_compiler(connection=db).as_sql()
    if again != sql or len(params_again) != len(params):
        raise ShapeError(f"{key!r}: the SQL changes with the slots' values")
    places = _places(key, slots, db, first, params, params_again)
    columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
    query = queryset.query
    names = (*query.extra_select, *query.values_select, *query.annotation_select)
    if len(names) != len(columns):
        raise ShapeError(f"{key!r}: not a values() query")
    return Statement(
        sql,
        tuple(params),
        places,
        dict(slots),
        names,
        compiler,
        compiler.get_converters(columns),
    )


def _matching_nothing(
    key: Hashable,
    build: Builder,
    stand_ins: Mapping[str, Any],
    db: BaseDatabaseWrapper,
    compiler: SQLCompiler,
) -> Statement:
    """A shape whose rules admit no row (a user who may read no case, say): no SQL to run.
    Decided by the shape, so the second set of stand-ins must decide the same."""
    try:
        build(stand_ins).query.get_compiler(connection=db).as_sql()
    except EmptyResultSet:
        return Statement(None, (), (), {}, (), compiler, {})
    raise ShapeError(f"{key!r}: whether any row matches changes with the slots' values")


def _places(
    key: Hashable,
    slots: Slots,
    db: BaseDatabaseWrapper,
    stand_ins: Mapping[str, Any],
    params: Any,
    params_again: Any,
) -> tuple[tuple[int, str], ...]:
    """Where each slot's value goes: the parameters that differ between the two compilations,
    each of which must be one slot's stand-in as the database receives it."""
    adapted = {name: _adapted(stand_ins[name], kind, db) for name, kind in slots.items()}
    places = []
    for index, (one, other) in enumerate(zip(params, params_again, strict=True)):
        if one == other:
            continue
        names = [name for name, value in adapted.items() if value == one]
        if len(names) != 1:
            raise ShapeError(f"{key!r}: parameter {index} varies but is no slot")
        places.append((index, names[0]))
    return tuple(places)


def _stand_ins(slots: Slots, run: int) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for number, (name, kind) in enumerate(sorted(slots.items())):
        if kind is datetime:
            values[name] = _FIRST_TIMES[run] + timedelta(microseconds=number + 1)
        elif kind is str:
            values[name] = f"\x1fstand-in {run} {number}"
        else:
            values[name] = _FIRST_IDS[run] - number
    return values


def _adapted(value: Any, kind: Kind, db: BaseDatabaseWrapper) -> Any:
    """The value as the ORM hands it to the database driver."""
    if kind is datetime:
        return db.ops.adapt_datetimefield_value(value)
    if kind is str:
        return str(value)
    return int(value)


def columns_of(model: type[Model], through: str = "") -> list[str]:
    """A model's columns as values() names them (`through` a relation: "agency__"), so that
    `instance_of` can make the model from a row."""
    return [through + field.attname for field in model._meta.concrete_fields]


def instance_of[M: Model](model: type[M], row: Mapping[str, Any], through: str = "") -> M:
    """The model, as the ORM makes it from its columns in a row of `rows`."""
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(DEFAULT_DB_ALIAS, names, [row[through + name] for name in names])


class StatementRows:
    """A values() query's rows as a paginator reads them (sliced, and counted up to a cap),
    each slice and the count run as compiled statements. `counting` builds the same rows
    without what only the page needs (its columns' joins), to be counted."""

    def __init__(
        self,
        key: Hashable,
        build: Builder,
        counting: Builder,
        slots: Slots,
        values: Mapping[str, Any],
    ):
        self.key, self.build, self.counting = key, build, counting
        self.slots, self.values = slots, values

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        def sliced(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
            return self.build(stand_ins)[window]

        return rows((self.key, window.start, window.stop), sliced, self.slots, self.values)

    def capped_count(self, cap: int) -> int:
        return capped_count(self.key, self.counting, self.slots, self.values, cap)
