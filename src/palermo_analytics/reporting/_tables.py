"""A two-way count table with its margins: the unit every report figure is made of."""

from dataclasses import dataclass, field
from typing import Any

TOTAL = "total"


@dataclass(frozen=True)
class Table:
    """Counts by row and column categories, in a fixed shape (zero rows are kept).

    The margins are always the sums of the cells, so the published totals and the cells obey
    the equations an attacker would use to recover a hidden cell.
    """

    key: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.rows):
            raise ValueError(f"table {self.key}: {len(self.cells)} rows of cells, {self.rows}")
        for row, values in zip(self.rows, self.cells, strict=True):
            if len(values) != len(self.columns):
                raise ValueError(f"table {self.key}: row {row!r} has {len(values)} cells")
            if any(value < 0 for value in values):
                raise ValueError(f"table {self.key}: row {row!r} has a negative count")

    @classmethod
    def from_counts(
        cls,
        key: str,
        rows: list[str],
        columns: list[str],
        counts: dict[tuple[str, str], int],
        labels: dict[str, str] | None = None,
    ) -> "Table":
        """Place grouped counts into the fixed shape; a count outside it is an error."""
        unknown = [pair for pair in counts if pair[0] not in rows or pair[1] not in columns]
        if unknown:
            raise ValueError(f"table {key}: counts outside the table's categories: {unknown}")
        cells = [[counts.get((row, column), 0) for column in columns] for row in rows]
        return cls(key, rows, columns, cells, labels or {})

    def value(self, row: str, column: str) -> int:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def row_totals(self) -> list[int]:
        return [sum(values) for values in self.cells]

    def column_totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.cells, strict=True)] or [0] * len(self.columns)

    def grand_total(self) -> int:
        return sum(self.row_totals())

    def with_margins(self) -> list[list[int]]:
        """The (rows + 1) × (columns + 1) grid: cells, row totals on the right, column totals
        and the grand total at the bottom."""
        grid = [
            [*values, total] for values, total in zip(self.cells, self.row_totals(), strict=True)
        ]
        grid.append([*self.column_totals(), self.grand_total()])
        return grid

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "columns": self.columns, "cells": self.cells}
