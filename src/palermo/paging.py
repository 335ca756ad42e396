"""Pages of a list whose cost does not grow with the table.

A page is read in the list's order along an index (see the `Meta.indexes` of the listed models);
the count that says how many pages there are stops at `COUNT_CAP` rows, so neither a first page
nor the last page offered reads more than `COUNT_CAP` rows, whatever the number of records. A
list longer than that is narrowed with its filters (or, on the API, walked page by page)."""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

# 40 pages of 25: more than anyone pages through by hand.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """`counting`, when given, is the same rows without what only the page shows (annotations,
    joins for columns, the order): counted instead of the page's own query, it reads an index
    alone."""

    def __init__(
        self, object_list: Any, per_page: int, *, counting: QuerySet[Any] | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self.counting = counting

    @cached_property
    def counted(self) -> int:
        # COUNT(*) over the first COUNT_CAP + 1 rows (a LIMIT subquery).
        rows: QuerySet[Any] = self.object_list if self.counting is None else self.counting  # type: ignore[assignment]
        counted_by_statement = getattr(rows, "capped_count", None)  # core/statements.py
        if counted_by_statement is not None:
            return int(counted_by_statement(COUNT_CAP + 1))
        return rows[: COUNT_CAP + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, COUNT_CAP)

    @property
    def is_capped(self) -> bool:
        """More rows than counted: the page says "more than" rather than a total."""
        return self.counted > COUNT_CAP
