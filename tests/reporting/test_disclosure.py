"""The public edition: no count from 1 to 9 is shown, and no hidden count can be worked out by
subtraction from any published total (checked here with our own linear algebra)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo_analytics.reporting import Table, round_to_base, suppress_small_cells

counts = st.integers(min_value=0, max_value=40)
tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(counts, min_size=columns, max_size=columns), min_size=rows, max_size=rows
        )
    )
)


def recoverable(grid: list[list[int | None]]) -> list[tuple[int, int]]:
    """Hidden cells fixed by the published ones: each row and column of the grid with margins
    says cells − total = 0; a hidden cell is fixed when its unit vector is in the row space of
    those equations over the hidden cells."""
    height, width = len(grid), len(grid[0])
    hidden = [(i, j) for i in range(height) for j in range(width) if grid[i][j] is None]
    index = {cell: k for k, cell in enumerate(hidden)}
    equations = []
    for i in range(height):
        equation = np.zeros(len(hidden))
        for j in range(width):
            if (i, j) in index:
                equation[index[(i, j)]] = -1.0 if j == width - 1 else 1.0
        equations.append(equation)
    for j in range(width):
        equation = np.zeros(len(hidden))
        for i in range(height):
            if (i, j) in index:
                equation[index[(i, j)]] = -1.0 if i == height - 1 else 1.0
        equations.append(equation)
    system = np.array(equations) if hidden else np.zeros((0, 0))
    rank = np.linalg.matrix_rank(system) if hidden else 0
    fixed = []
    for cell, k in index.items():
        unit = np.zeros((1, len(hidden)))
        unit[0, k] = 1.0
        if np.linalg.matrix_rank(np.vstack([system, unit])) == rank:
            fixed.append(cell)
    return fixed


@settings(max_examples=150, deadline=None)
@given(tables)
def test_no_hidden_cell_is_recoverable_and_no_small_count_shows(cells: list[list[int]]) -> None:
    table = Table(
        "t", [f"r{i}" for i in range(len(cells))], [f"c{j}" for j in range(len(cells[0]))], cells
    )
    published = suppress_small_cells(table)
    shown = [value for line in published.grid for value in line if value is not None]
    assert not [value for value in shown if 0 < value < 10]
    assert recoverable(published.grid) == []
    # What is shown is the truth: suppression never alters a published number.
    for line, true_line in zip(published.grid, table.with_margins(), strict=True):
        for value, truth in zip(line, true_line, strict=True):
            assert value is None or value == truth


def test_a_single_small_cell_takes_a_partner_in_its_row_and_column() -> None:
    table = Table("t", ["a", "b"], ["x", "y"], [[3, 20], [15, 12]])
    grid = suppress_small_cells(table).grid
    assert grid[0][0] is None
    assert sum(value is None for value in grid[0]) >= 2
    assert sum(grid[i][0] is None for i in range(3)) >= 2


def test_rounding_to_base_five_leaves_no_count_from_one_to_nine_but_five() -> None:
    table = Table("t", ["a", "b"], ["x"], [[2], [8]])
    assert round_to_base(table).grid == [[0, 0], [10, 10], [10, 10]]
