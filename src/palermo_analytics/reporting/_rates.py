"""Rates per 100,000 inhabitants from a published count table and the population it refers to
(SDG indicator 16.2.2: detected victims of trafficking per 100,000 population, by sex and age).

The counts come from the table as published — after disclosure control — so a hidden count gives
a hidden rate and the rate can never reveal what the table hides.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PER = 100_000
TOTAL = "total"


@dataclass(frozen=True)
class Rate:
    """One group's rate; `victims` is None when the published table hides it, `population`
    None when none is given for the group, and then `per_100k` is None too."""

    group: str
    victims: int | None
    population: int | None
    per_100k: float | None


def rates_per_100k(
    grid: Sequence[Sequence[int | None]],
    rows: Sequence[str],
    columns: Sequence[str],
    population: Mapping[str, int],
    leave_out: frozenset[str] = frozenset({"unknown"}),
) -> list[Rate]:
    """The total's rate, then each row's (its margin) and each column's (its margin).

    `grid` is the published table with its margins: a last column of row totals and a last row
    of column totals. Groups in `leave_out` (an unknown sex or age) have no population.
    """
    wanted = [(TOTAL, grid[len(rows)][len(columns)])]
    wanted += [(row, grid[i][len(columns)]) for i, row in enumerate(rows) if row not in leave_out]
    wanted += [
        (column, grid[len(rows)][j]) for j, column in enumerate(columns) if column not in leave_out
    ]
    return [_rate(group, victims, population.get(group)) for group, victims in wanted]


def _rate(group: str, victims: int | None, population: int | None) -> Rate:
    if victims is None or not population:
        return Rate(group, victims, population or None, None)
    return Rate(group, victims, population, PER * victims / population)
