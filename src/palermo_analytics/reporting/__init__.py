"""Statistical tables for reports, their disclosure control, and their charts as data.

A `Table` is a two-way count table (rows × columns) whose margins are the sums of its cells. The
public edition of a table hides every small count: `suppress_small_cells` (primary suppression of
cells from 1 to 9, then complementary suppression until no hidden cell can be worked out from the
published totals) or `round_to_base` (every cell and margin rounded to a multiple of 5).

    >>> table = Table("t", ["a", "b"], ["x", "y"], [[3, 20], [15, 12]])
    >>> published = suppress_small_cells(table)
    >>> published.hidden(0, 0), published.hidden(0, 1)
    (True, True)
"""

from palermo_analytics.reporting._charts import bar_chart_spec, trend_chart_spec, upset_chart_spec
from palermo_analytics.reporting._disclosure import (
    DisclosureRule,
    Published,
    publish,
    round_to_base,
    suppress_small_cells,
)
from palermo_analytics.reporting._rates import Rate, rates_per_100k
from palermo_analytics.reporting._tables import Table

__all__ = [
    "DisclosureRule",
    "Published",
    "Rate",
    "Table",
    "bar_chart_spec",
    "publish",
    "rates_per_100k",
    "round_to_base",
    "suppress_small_cells",
    "trend_chart_spec",
    "upset_chart_spec",
]
