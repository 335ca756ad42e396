"""`palermo export dp-tables`: OpenDP counts over public keys, and the ε ledger that refuses."""

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from palermo.accounts.models import User
from palermo.exchange.models import DpRelease, PrivacyBudget, PrivacySpend


def dp_tables(out: Path, epsilon: str, years: tuple[str, str] = ("2020", "2021")) -> None:
    call_command(
        "export",
        "dp-tables",
        "--from",
        years[0],
        "--to",
        years[1],
        "--epsilon",
        epsilon,
        "--out",
        str(out),
        "--as",
        "analyst",
    )


def set_budget(year: int, epsilon: float) -> None:
    call_command(
        "export", "budget", "--year", str(year), "--epsilon", str(epsilon), "--as", "analyst"
    )


def test_tables_release_every_public_cell_with_its_accuracy(
    make_victims: Callable[..., Any], analyst: User, tmp_path: Path
) -> None:
    make_victims(80, years=(2020, 2021))
    set_budget(2020, 2.0)
    set_budget(2021, 2.0)
    out = tmp_path / "tables.csv"
    dp_tables(out, "1.0")
    tables = pd.read_csv(out, dtype=str, keep_default_na=False)
    by_year_and_sex = tables[tables["table"] == "year × sex"]
    # 2 years and unknown × 3 sexes and unknown: every key, including the empty ones.
    assert len(by_year_and_sex) == 3 * 4
    assert {"2020", "2021", "-99"} == set(by_year_and_sex["year"])
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    report = json.loads((tmp_path / "tables.csv.report.json").read_text())
    assert len(report["tables"]) == 4
    for table in report["tables"]:
        assert table["epsilon"] == pytest.approx(0.25)
        assert table["accuracy_95"] > 0
        assert table["mechanism"] == "Integer Laplace"
    release = DpRelease.objects.get()
    assert release.sha256 == report["sha256"]
    assert sorted(PrivacySpend.objects.values_list("year", flat=True)) == [2020, 2021]


def test_the_ledger_refuses_a_release_beyond_the_budget(
    make_victims: Callable[..., Any], analyst: User, tmp_path: Path
) -> None:
    make_victims(40, years=(2020, 2021))
    set_budget(2020, 1.5)
    set_budget(2021, 5.0)
    dp_tables(tmp_path / "first.csv", "1.0")
    with pytest.raises(CommandError, match="2020"):
        dp_tables(tmp_path / "second.csv", "1.0")
    assert not (tmp_path / "second.csv").exists()
    assert DpRelease.objects.count() == 1
    assert PrivacySpend.objects.filter(year=2020).count() == 1
    dp_tables(tmp_path / "third.csv", "0.5")  # exactly what is left
    assert PrivacyBudget.objects.get(year=2020).spent() == pytest.approx(1.5)


def test_a_year_without_a_budget_allows_nothing(
    make_victims: Callable[..., Any], analyst: User, tmp_path: Path
) -> None:
    make_victims(20, years=(2020, 2020))
    with pytest.raises(CommandError, match="budget"):
        dp_tables(tmp_path / "t.csv", "0.1", years=("2020", "2020"))
    assert not DpRelease.objects.exists()


def test_only_an_analyst_sets_a_budget(make_user: Callable[..., User]) -> None:
    make_user("worker", "welfare", "case_worker")
    with pytest.raises(CommandError, match="analyst role"):
        call_command("export", "budget", "--year", "2020", "--epsilon", "9", "--as", "worker")
    assert not PrivacyBudget.objects.exists()
