"""Capture-history tables: reading, validation, and expansion to every observable pattern.

A table has one 0/1 column per list and a `count` column. Rows are numbered from 1 (the first data
row after the header), so a message like "row 4: ..." points at the fourth data row.
"""

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

COUNT_COLUMN = "count"
# Sane bounds, checked before any work: 2^k - 1 patterns are fitted, so more than 12 lists is not
# an estimate anyone can run; no population holds a billion victims, and counts must stay exact
# in a float (below 2^53) for the model.
MAX_LISTS = 12
MAX_COUNT = 10**9
MAX_CELL_CHARACTERS = 100


class CaptureHistoryError(ValueError):
    """A capture-history table that cannot be used; the message names the problem and the row."""


@dataclass(frozen=True)
class CaptureHistories:
    """How many people were seen on each combination of lists.

    `cell_counts[k - 1]` is the count for the pattern whose binary code is k: bit i set means the
    person is on list i. Patterns nobody was seen with count 0; the unobservable pattern (on no
    list) is not stored.
    """

    lists: tuple[str, ...]
    cell_counts: npt.NDArray[np.int64]
    notes: tuple[str, ...] = field(default=())

    @property
    def observed(self) -> int:
        """The number of people seen on at least one list."""
        return int(self.cell_counts.sum())

    @classmethod
    def from_rows(
        cls, lists: Sequence[str], rows: Iterable[tuple[Sequence[int], int]]
    ) -> "CaptureHistories":
        """Build a table from already valid (pattern, count) rows, summing repeated patterns."""
        cell_counts = np.zeros(2 ** len(lists) - 1, dtype=np.int64)
        for pattern, count in rows:
            cell_counts[pattern_code(pattern) - 1] += count
        return cls(lists=tuple(lists), cell_counts=cell_counts)

    @classmethod
    def from_memberships(cls, memberships: pd.DataFrame) -> "CaptureHistories":
        """Count capture patterns: `memberships` has one row per person and one 0/1 (or bool)
        column per list. A person on no list is unobservable, so such rows are left out."""
        lists = [str(name) for name in memberships.columns]
        on_lists = memberships.to_numpy(dtype=np.int64).clip(0, 1)
        cell_counts = np.bincount(
            on_lists @ (1 << np.arange(len(lists), dtype=np.int64)), minlength=2 ** len(lists)
        )
        return cls(lists=tuple(lists), cell_counts=cell_counts[1:].astype(np.int64))

    def to_frame(self) -> pd.DataFrame:
        """The non-empty patterns as a DataFrame in the input format."""
        codes = np.flatnonzero(self.cell_counts) + 1
        columns = {name: (codes >> i) & 1 for i, name in enumerate(self.lists)}
        return pd.DataFrame({**columns, COUNT_COLUMN: self.cell_counts[codes - 1]})


def pattern_code(pattern: Sequence[int]) -> int:
    """The binary code of a capture pattern: bit i is membership of list i."""
    return sum(int(bit) << i for i, bit in enumerate(pattern))


type TableSource = CaptureHistories | pd.DataFrame | str | Path


def read_capture_histories(source: TableSource) -> CaptureHistories:
    """Read and validate a capture-history table from a CSV file or a DataFrame.

    Raises CaptureHistoryError naming the problem and the row. Repeated patterns are summed and
    the table's `notes` say so.
    """
    if isinstance(source, CaptureHistories):
        return source
    if isinstance(source, pd.DataFrame):
        header = [str(name) for name in source.columns]
        rows: list[list[Any]] = source.astype(object).to_numpy().tolist()
        return validate_capture_histories(header, rows)
    path = Path(source)
    header, rows = _read_csv(path)
    try:
        return validate_capture_histories(header, rows)
    except CaptureHistoryError as error:
        raise CaptureHistoryError(f"{path.name}, {error}") from None


def _read_csv(path: Path) -> tuple[list[str], list[list[Any]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            lines = [line for line in csv.reader(file) if any(cell.strip() for cell in line)]
    except OSError as error:
        raise CaptureHistoryError(f"cannot read {path}: {error.strerror}") from error
    if not lines:
        raise CaptureHistoryError(f"{path} is empty: expected a header row and one row per pattern")
    return lines[0], lines[1:]


def validate_capture_histories(
    header: Sequence[str], rows: Sequence[Sequence[Any]]
) -> CaptureHistories:
    """Check a header and rows of raw values, and build the table."""
    lists, count_index = _validate_header(header)
    list_indexes = [i for i in range(len(header)) if i != count_index]
    first_row_of: dict[tuple[int, ...], int] = {}
    notes: list[str] = []
    valid_rows: list[tuple[tuple[int, ...], int]] = []
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise CaptureHistoryError(
                f"row {number}: expected {len(header)} values, got {len(row)}"
            )
        pattern = tuple(_membership(row[i], header[i], number) for i in list_indexes)
        count = _count(row[count_index], number)
        if not any(pattern):
            raise CaptureHistoryError(
                f"row {number}: the pattern on no list cannot be observed; remove this row"
            )
        if pattern in first_row_of:
            notes.append(
                f"row {number} repeats the pattern of row {first_row_of[pattern]}; "
                "their counts were summed"
            )
        first_row_of.setdefault(pattern, number)
        valid_rows.append((pattern, count))
    table = CaptureHistories.from_rows(lists, valid_rows)
    _check_every_list_is_used(table)
    return CaptureHistories(table.lists, table.cell_counts, tuple(notes))


def _validate_header(header: Sequence[str]) -> tuple[tuple[str, ...], int]:
    if len(header) > MAX_LISTS + 1:
        raise CaptureHistoryError(
            f"header: {len(header):,} columns; at most {MAX_LISTS} lists and a "
            f"'{COUNT_COLUMN}' column can be estimated"
        )
    names = [str(name).strip() for name in header]
    if COUNT_COLUMN not in names:
        raise CaptureHistoryError(
            f"header: no '{COUNT_COLUMN}' column; "
            f"expected one 0/1 column per list and a '{COUNT_COLUMN}' column"
        )
    for position, name in enumerate(names, start=1):
        if not name:
            raise CaptureHistoryError(f"header: column {position} has no name")
        if names.count(name) > 1:
            raise CaptureHistoryError(f"header: column name '{name}' is used more than once")
    lists = tuple(name for name in names if name != COUNT_COLUMN)
    if len(lists) < 2:
        raise CaptureHistoryError(
            f"header: at least 2 lists are needed, got {len(lists)} ({', '.join(lists) or 'none'})"
        )
    return lists, names.index(COUNT_COLUMN)


def _membership(value: Any, column: str, row: int) -> int:
    number = _whole_number(value)
    if number not in (0, 1):
        raise CaptureHistoryError(
            f"row {row}: column '{column.strip()}' must be 0 or 1, got {_shown(value)}"
        )
    return int(number)


def _count(value: Any, row: int) -> int:
    number = _whole_number(value)
    if number is None or number < 0:
        raise CaptureHistoryError(
            f"row {row}: count must be a non-negative whole number, got {_shown(value)}"
        )
    if number > MAX_COUNT:
        raise CaptureHistoryError(
            f"row {row}: count {_shown(value)} is beyond any population (at most {MAX_COUNT:,})"
        )
    return number


def _whole_number(value: Any) -> int | None:
    """The value as an int if it is a whole number (1, "1", 1.0), else None."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        if len(value) > MAX_CELL_CHARACTERS:
            return None
        if value.isdigit():  # exact, however large: "9007199254740993" must not round
            return int(value)
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number != int(number):
        return None
    return int(number)


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "nothing"
    text = str(value).strip()
    if len(text) > 30:
        return f"{text[:20]!r}… ({len(text):,} characters)"
    return repr(text) if text else "nothing"


def _check_every_list_is_used(table: CaptureHistories) -> None:
    if table.observed == 0:
        raise CaptureHistoryError("the table has no one in it: every count is 0")
    codes = np.arange(1, table.cell_counts.size + 1)
    for i, name in enumerate(table.lists):
        if table.cell_counts[(codes >> i) & 1 == 1].sum() == 0:
            raise CaptureHistoryError(
                f"column '{name}': no one is on this list, so it says nothing; remove the column"
            )
