"""Disclosure control for published tables: no count from 1 to 9 is shown.

Two rules, as national statistics offices use them:

- **suppress**: hide every cell (margins included) from 1 to `threshold - 1` (primary
  suppression), then hide more cells (complementary suppression) until no hidden cell can be
  worked out from the published ones. A table and its margins obey one equation per row and per
  column (the cells add up to the total); a hidden cell is recoverable exactly when its unit
  vector lies in the row space of those equations restricted to the hidden cells, which is checked
  with a matrix rank — not merely "each line hides two cells", which a chain of lines defeats.
- **round**: every cell and margin rounded to the nearest multiple of `base` (so totals need not
  add up, and the page says so).
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from palermo_analytics.reporting._tables import Table

Position = tuple[int, int]


class DisclosureRule(StrEnum):
    SUPPRESS = "suppress"
    ROUND = "round"


@dataclass(frozen=True)
class Published:
    """A table as published: the margin grid with hidden cells as None."""

    table: Table
    rule: DisclosureRule
    grid: list[list[int | None]]

    def hidden(self, row: int, column: int) -> bool:
        return self.grid[row][column] is None

    def cell(self, row: int, column: int) -> int | None:
        return self.grid[row][column]

    def row_total(self, row: int) -> int | None:
        return self.grid[row][-1]

    def column_total(self, column: int) -> int | None:
        return self.grid[-1][column]

    def grand_total(self) -> int | None:
        return self.grid[-1][-1]

    def hidden_count(self) -> int:
        return sum(value is None for line in self.grid for value in line)


def publish(table: Table, rule: DisclosureRule, threshold: int = 10, base: int = 5) -> Published:
    if rule == DisclosureRule.ROUND:
        return round_to_base(table, base)
    return suppress_small_cells(table, threshold)


def round_to_base(table: Table, base: int = 5) -> Published:
    """Round half up to a multiple of `base`: 1–2 show as 0, 3–7 as 5, 8–9 as 10."""
    if base < 2:
        raise ValueError(f"rounding base must be 2 or more, got {base}")
    grid: list[list[int | None]] = [
        [(value + base // 2) // base * base for value in line] for line in table.with_margins()
    ]
    return Published(table, DisclosureRule.ROUND, grid)


def suppress_small_cells(table: Table, threshold: int = 10) -> Published:
    values = table.with_margins()
    hidden = {
        (i, j)
        for i, line in enumerate(values)
        for j, value in enumerate(line)
        if 0 < value < threshold
    }
    lines = _lines(len(values), len(values[0]))
    while True:
        exposed = _first_recoverable(hidden, lines)
        if exposed is None:
            break
        hidden.add(_complement_for(exposed, hidden, lines, values))
    grid: list[list[int | None]] = [
        [None if (i, j) in hidden else value for j, value in enumerate(line)]
        for i, line in enumerate(values)
    ]
    return Published(table, DisclosureRule.SUPPRESS, grid)


def _lines(height: int, width: int) -> list[list[Position]]:
    """Each line's positions, its total last: rows (cells then the row total) and columns."""
    rows = [[(i, j) for j in range(width)] for i in range(height)]
    columns = [[(i, j) for i in range(height)] for j in range(width)]
    return rows + columns


def _first_recoverable(
    hidden: set[Position], lines: list[list[Position]]
) -> list[list[Position]] | None:
    """The lines through a hidden cell whose value follows from the published ones, or None."""
    # A line hiding exactly one cell gives it away by subtraction: the quick, common case.
    for line in lines:
        if sum(position in hidden for position in line) == 1:
            return [line]
    unknowns = sorted(hidden)
    if not unknowns:
        return None
    matrix = recoverability_matrix(unknowns, lines)
    rank = np.linalg.matrix_rank(matrix)
    for index, position in enumerate(unknowns):
        probe = np.zeros((1, len(unknowns)))
        probe[0, index] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, probe])) == rank:
            return [line for line in lines if position in line]
    return None


def recoverability_matrix(unknowns: list[Position], lines: list[list[Position]]) -> np.ndarray:
    """One equation per line over the hidden cells: the cells (+1) minus the line's total (-1)."""
    column_of = {position: index for index, position in enumerate(unknowns)}
    matrix = np.zeros((len(lines), len(unknowns)))
    for row, line in enumerate(lines):
        *cells, total = line
        for position in cells:
            if position in column_of:
                matrix[row, column_of[position]] += 1.0
        if total in column_of:
            matrix[row, column_of[total]] -= 1.0
    return matrix


def _complement_for(
    through: list[list[Position]],
    hidden: set[Position],
    lines: list[list[Position]],
    values: list[list[int]],
) -> Position:
    """Hide one more cell beside an exposed one, in a line through it: first a cell whose other
    line also gives a hidden cell away (one hide mends both), then the smallest non-zero cell
    (zeros protect nothing: a line of hidden zeros adds up to a known zero)."""
    candidates = [p for line in through for p in line if p not in hidden]
    if not candidates:
        candidates = [p for line in lines for p in line if p not in hidden]
    if not candidates:
        raise RuntimeError("every cell is hidden and one is still recoverable")
    exposing = [line for line in lines if sum(p in hidden for p in line) == 1]

    def preference(p: Position) -> tuple[bool, bool, int, Position]:
        mends_another = any(p in line for line in exposing if line not in through)
        value = values[p[0]][p[1]]
        return (not mends_another, value == 0, value, p)

    return min(candidates, key=preference)
