"""`palermo link` writes nothing a spreadsheet would execute, keeps its files private, and refuses
broken lists (header only, 100,000 columns, a 131,072-character cell) with one clear line."""

import csv
import stat
from pathlib import Path

import pandas as pd
import pytest

from palermo_analytics.safe_output import FORMULA_STARTS
from palermo_analytics.simulate import WorldConfig, simulate_world, write_world
from tests.analysis.commands import palermo, palermo_fails

LISTS = ["police", "ngo"]
PAYLOAD = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def poisoned_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    write_world(simulate_world(WorldConfig.for_lists(LISTS, population=150, seed=3)), folder)
    police = pd.read_csv(folder / "police.csv", dtype=str, keep_default_na=False)
    police.loc[0, "record_id"] = PAYLOAD
    police.loc[1, "given_name"] = LINK
    police.loc[2, "document_number"] = "@SUM(1+1)"
    police.to_csv(folder / "police.csv", index=False)
    return folder


def test_every_written_cell_is_inert_and_every_file_private(
    poisoned_world: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "linked.csv"
    palermo(
        capsys,
        "link",
        *(str(poisoned_world / f"{name}.csv") for name in LISTS),
        "--out",
        str(out),
        "--histories",
        str(tmp_path / "histories.csv"),
    )

    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert {path.name for path in written} >= {"linked.csv", "histories.csv", "uncertain_pairs.csv"}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as handle:
                cells = [cell for row in csv.reader(handle) for cell in row]
            assert not [c for c in cells if c.startswith(FORMULA_STARTS) and not is_number(c)]
    linked = pd.read_csv(out, dtype=str)
    assert "'" + PAYLOAD in set(linked["record_id"])


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("record_id,source,given_name\n", "row 2: the file has a header but no records"),
        (
            ",".join(["record_id", "source", "given_name"] + [f"c{n}" for n in range(100_000)])
            + "\n1,police,A"
            + ",x" * 100_000
            + "\n",
            "row 1: the header has 100,003 columns",
        ),
        (
            "record_id,source,given_name\n1,police," + "A" * 131_072 + "\n",
            "row 2, column 'given_name': a cell of 131,072 characters",
        ),
    ],
    ids=["header-only", "100000-columns", "131072-character-cell"],
)
def test_a_broken_list_gets_one_clear_line(
    tmp_path: Path, content: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "police.csv"
    bad.write_text(content)
    out = tmp_path / "linked.csv"

    error = palermo_fails(capsys, "link", str(bad), "--out", str(out))

    message = error.removeprefix("palermo link: error: ").rstrip("\n")
    assert "police.csv" in message
    assert problem in message
    assert "\n" not in message
    assert len(message) < 300
    assert not out.exists()
