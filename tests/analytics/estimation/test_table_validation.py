"""Reading capture-history tables: every kind of bad input is refused, naming the row."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from palermo_analytics.estimation import (
    COUNT_COLUMN,
    CaptureHistories,
    CaptureHistoryError,
    read_capture_histories,
)
from tests.analytics.estimation.tables import FIXTURES


def _read(tmp_path: Path, text: str) -> CaptureHistories:
    path = tmp_path / "table.csv"
    path.write_text(text)
    return read_capture_histories(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "A,B,C,count\n1,0,0,4\n0,1,0,3\n0,0,1,2\n1,2,0,1\n",
            "row 4: column 'B' must be 0 or 1, got '2'",
        ),
        ("A,B,count\n1,0,4\n0,x,3\n", "row 2: column 'B' must be 0 or 1, got 'x'"),
        (
            "A,B,count\n1,0,4\n0,1,-3\n",
            "row 2: count must be a non-negative whole number, got '-3'",
        ),
        (
            "A,B,count\n1,0,2.5\n0,1,3\n",
            "row 1: count must be a non-negative whole number, got '2.5'",
        ),
        (
            "A,B,count\n1,0,\n0,1,3\n",
            "row 1: count must be a non-negative whole number, got nothing",
        ),
        ("A,B,count\n1,0,4\n0,0,3\n", "row 2: the pattern on no list cannot be observed"),
        ("A,B,count\n1,0,4\n0,1\n", "row 2: expected 3 values, got 2"),
        ("A,count\n1,4\n", "header: at least 2 lists are needed, got 1 (A)"),
        ("A,B,n\n1,0,4\n", "header: no 'count' column"),
        ("A,A,count\n1,0,4\n0,1,3\n", "header: column name 'A' is used more than once"),
        ("A,,count\n1,0,4\n0,1,3\n", "header: column 2 has no name"),
        ("A,B,C,count\n1,0,0,4\n0,1,0,3\n", "column 'C': no one is on this list"),
        ("A,B,count\n1,0,0\n0,1,0\n", "the table has no one in it"),
        ("", "is empty"),
    ],
)
def test_bad_tables_are_refused_with_the_row_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CaptureHistoryError) as raised:
        _read(tmp_path, text)
    assert message in str(raised.value)


def test_a_missing_file_is_a_capture_history_error(tmp_path: Path) -> None:
    with pytest.raises(CaptureHistoryError, match="cannot read"):
        read_capture_histories(tmp_path / "absent.csv")


def test_repeated_patterns_are_summed_and_noted(tmp_path: Path) -> None:
    table = _read(tmp_path, "A,B,count\n1,0,4\n0,1,3\n1,0,2\n")
    assert table.cell_counts.tolist() == [6, 3, 0]
    assert table.notes == ("row 3 repeats the pattern of row 1; their counts were summed",)


def test_unseen_patterns_count_zero_and_cells_follow_binary_codes(tmp_path: Path) -> None:
    table = _read(tmp_path, "A,B,C,count\n0,0,1,5\n1,1,0,2\n")
    # code = A + 2B + 4C: 011 (A and B) is code 3, 100 (C only) is code 4
    assert table.cell_counts.tolist() == [0, 0, 2, 5, 0, 0, 0]
    assert table.lists == ("A", "B", "C")
    assert table.observed == 7


def test_a_dataframe_reads_like_the_csv() -> None:
    from_csv = read_capture_histories(FIXTURES / "uk_2013_5lists.csv")
    frame = pd.read_csv(FIXTURES / "uk_2013_5lists.csv")
    from_frame = read_capture_histories(frame)
    assert from_frame.lists == from_csv.lists
    assert np.array_equal(from_frame.cell_counts, from_csv.cell_counts)
    assert from_frame.to_frame().equals(from_csv.to_frame())


def test_the_count_column_may_come_first_and_values_may_be_padded(tmp_path: Path) -> None:
    table = _read(tmp_path, "count, A ,B\n 4 ,1,0\n3,0, 1\n1,1.0,1\n")
    assert table.lists == ("A", "B")
    assert table.cell_counts.tolist() == [4, 3, 1]


def test_a_dataframe_with_a_bad_value_names_its_row() -> None:
    frame = pd.DataFrame({"A": [1, 0], "B": [0, 3], "count": [4, 5]})
    with pytest.raises(CaptureHistoryError, match="row 2: column 'B' must be 0 or 1, got '3'"):
        read_capture_histories(frame)


def test_memberships_are_counted_into_patterns_and_nobody_on_no_list() -> None:
    memberships = pd.DataFrame(
        {"police": [1, 1, 0, 0, 1], "ngo": [1, 1, 1, 0, 0], "shelter": [0, 0, 0, 0, 0]}
    )

    table = CaptureHistories.from_memberships(memberships.astype(bool))

    assert table.lists == ("police", "ngo", "shelter")
    assert table.observed == 4  # the person on no list cannot be observed
    assert table.to_frame().to_dict("records") == [
        {"police": 1, "ngo": 0, "shelter": 0, COUNT_COLUMN: 1},
        {"police": 0, "ngo": 1, "shelter": 0, COUNT_COLUMN: 1},
        {"police": 1, "ngo": 1, "shelter": 0, COUNT_COLUMN: 2},
    ]
