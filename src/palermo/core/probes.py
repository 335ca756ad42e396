"""EXISTS checked row by row along an index, for the access rules' "or" branches.

In `owning agency = mine OR EXISTS (a referral of this case accepted by my agency)`, PostgreSQL
may hash the whole subquery first (every referral my agency ever accepted) because it plans for
every row of the table, not for the 25 a page reads: a list would then cost more as the table
grows. `OFFSET 0` in the subquery keeps PostgreSQL from turning it into a hashed one, so each row
the list reads is checked by one index lookup, and a page costs the same whatever the table's
size. The rows found are the same either way.

A table of a few pages is the exception: there PostgreSQL probes by reading the whole table for
each row (an index costs more than two pages, it reckons), and hashing it once is cheaper. So a
subquery over a table smaller than `PROBE_FROM_PAGES` (by PostgreSQL's own statistics, read at
most every `STATISTICS_FOR_SECONDS` per process) is left to PostgreSQL as it is.
"""

import time
from typing import Any

from django.db.models import Exists

PROBE_FROM_PAGES = 32  # 256 kB: hashing that costs about what 1,000 probes by an index do
STATISTICS_FOR_SECONDS = 300.0

# table → (pages, read at): how big PostgreSQL last measured the table (ANALYZE, autovacuum).
_pages: dict[str, tuple[int, float]] = {}


class ProbedExists(Exists):
    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        model = self.query.model
        assert model is not None  # a subquery over a model's rows
        if pages_of(model._meta.db_table, connection) < PROBE_FROM_PAGES:
            return self.as_sql(compiler, connection, **extra)
        # Exists always ends its subquery with LIMIT 1, after which OFFSET may follow.
        return self.as_sql(compiler, connection, template="EXISTS(%(subquery)s OFFSET 0)", **extra)


def pages_of(table: str, connection: Any) -> int:
    """The table's size in pages as PostgreSQL's statistics have it (0 before any ANALYZE)."""
    now = time.monotonic()
    known = _pages.get(table)
    if known is None or now - known[1] > STATISTICS_FOR_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute("SELECT relpages FROM pg_class WHERE oid = to_regclass(%s)", [table])
            row = cursor.fetchone()
        known = _pages[table] = (int(row[0]) if row and row[0] else 0, now)
    return known[0]


def probing_plan(connection: Any) -> tuple[tuple[str, bool], ...]:
    """Which of the tables met so far are probed rather than hashed, by statistics refreshed as
    in `pages_of`: part of a compiled statement's key (core/statements.py), so that a statement
    compiled while a table was small is compiled again once it has grown."""
    if connection.vendor != "postgresql":
        return ()
    return tuple(
        (table, pages_of(table, connection) >= PROBE_FROM_PAGES) for table in sorted(_pages)
    )
