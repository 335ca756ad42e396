"""`palermo simulate` writes a world's lists, truth and true N."""

import json
from pathlib import Path

import pytest

from tests.analysis.commands import palermo, palermo_fails

Capture = pytest.CaptureFixture[str]


def test_simulate_writes_one_list_per_agency_the_truth_and_the_true_n(
    tmp_path: Path, capsys: Capture
) -> None:
    out = palermo(
        capsys,
        "simulate",
        "--population",
        "120",
        "--lists",
        "police,ngo,labour",
        "--seed",
        "4",
        "--out",
        str(tmp_path),
    )

    written = {path.name for path in tmp_path.iterdir()}
    assert {"police.csv", "ngo.csv", "labour.csv", "truth.csv", "world.json"} <= written
    assert json.loads((tmp_path / "world.json").read_text())["population"] == 120
    assert "of 120 victims" in out


def test_the_same_seed_writes_the_same_files(tmp_path: Path, capsys: Capture) -> None:
    for name in ("a", "b"):
        palermo(
            capsys,
            "simulate",
            "--population",
            "80",
            "--lists",
            "police,ngo",
            "--seed",
            "9",
            "--out",
            str(tmp_path / name),
        )

    assert (tmp_path / "a" / "ngo.csv").read_bytes() == (tmp_path / "b" / "ngo.csv").read_bytes()


def test_a_population_of_zero_is_refused(tmp_path: Path, capsys: Capture) -> None:
    error = palermo_fails(capsys, "simulate", "--population", "0", "--out", str(tmp_path))
    assert error.startswith("palermo simulate: error:")
    assert "population" in error
