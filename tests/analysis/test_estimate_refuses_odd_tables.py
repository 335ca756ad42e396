"""`palermo estimate` refuses absurd tables in one line naming the file, row and column, before
doing any work: huge counts, inexact counts, 40 lists, 100,000 columns, enormous cells."""

from pathlib import Path

import pytest

from tests.analysis.commands import palermo_fails

CASES = {
    "count-1e300": ("A,B,count\n1,0,1e300\n0,1,3\n", "table.csv, row 1: count '1e300' is beyond"),
    "count-beyond-2^53": (
        f"A,B,count\n1,0,{2**53 + 1}\n0,1,3\n",
        "row 1: count '9007199254740993' is beyond any population",
    ),
    "40-lists": (
        ",".join(f"L{n}" for n in range(40)) + ",count\n" + "1," * 40 + "5\n",
        "header: 41 columns; at most 12 lists",
    ),
    "100000-columns": (
        ",".join(f"L{n}" for n in range(100_000)) + ",count\n",
        "header: 100,001 columns",
    ),
    "131072-character-cell": (
        "A,B,count\n1,0," + "9" * 131_072 + "\n0,1,3\n",
        "row 1: count must be a non-negative whole number, got '99999999999999999999'… "
        "(131,072 characters)",
    ),
    "131072-character-membership": (
        "A,B,count\n" + "x" * 131_072 + ",0,4\n0,1,3\n",
        "row 1: column 'A' must be 0 or 1",
    ),
}


@pytest.mark.parametrize(("content", "problem"), CASES.values(), ids=CASES.keys())
def test_an_odd_table_gets_one_clear_line(
    tmp_path: Path, content: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "table.csv"
    table.write_text(content)

    error = palermo_fails(capsys, "estimate", str(table))

    prefix = "palermo estimate: error: "
    assert error.startswith(prefix)
    message = error.removeprefix(prefix).rstrip("\n")
    assert problem in message
    assert message.startswith("table.csv, ")
    assert "\n" not in message
    assert len(message) < 300
