"""`palermo export ctdc`: a k-anonymous, ℓ-diverse CTDC file, its report, its record."""

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
from palermo.audit.models import AuditEntry
from palermo.exchange.ctdc import registry_table
from palermo.exchange.files import sha256_of
from palermo.exchange.models import CtdcExport
from palermo_analytics.disclosure import RELEASE_COLUMNS, check_release


def export(out: Path, *extra: str, user: str = "analyst") -> None:
    call_command(
        "export", "ctdc", "--from", "2015", "--to", "2025", "--out", str(out), "--as", user, *extra
    )


def test_one_row_per_victim_person_not_per_case(make_victims: Callable[..., Any]) -> None:
    cases = make_victims(30)
    second = cases[0]
    second.pk = None
    second.reference = "VC-SECON-DCASE"
    second.save()  # the same person's second case
    table = registry_table(2015, 2025)
    assert len(table) == 30
    assert list(table.columns) == RELEASE_COLUMNS


def test_unknown_is_minus_99_and_countries_are_iso_alpha_2(
    make_victims: Callable[..., Any],
) -> None:
    make_victims(60, seed=3)
    table = registry_table(2015, 2025)
    assert not table.isna().any().any()
    assert set(table["gender"]) <= {"Female", "Male", "-99"}
    assert "NA" in set(table["citizenship"])  # Namibia, not a missing value
    assert set(table["citizenship"].str.len()) <= {2, 3}  # ISO alpha-2 or -99


def test_export_writes_a_checked_release_its_report_and_a_record(
    make_victims: Callable[..., Any], analyst: User, tmp_path: Path
) -> None:
    make_victims(400, seed=1)
    out = tmp_path / "release.csv"
    export(out)
    release = pd.read_csv(out, dtype=str, keep_default_na=False)
    verdict = check_release(release, 11, 2)
    assert verdict.passes, verdict
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    report_file = tmp_path / "release.csv.report.json"
    report = json.loads(report_file.read_text())
    assert stat.S_IMODE(report_file.stat().st_mode) == 0o600
    assert report["sha256"] == sha256_of(out)
    assert report["independent_check"]["passes"] is True
    assert report["transformation"]["share_suppressed"] <= 0.05
    record = CtdcExport.objects.get()
    assert (record.sha256, record.k, record.l, record.released) == (
        report["sha256"],
        11,
        2,
        len(release),
    )
    entry = AuditEntry.objects.get(action="export", object_ref=record.reference)
    assert entry.actor == "analyst"


def test_the_same_registry_and_parameters_give_the_same_file(
    make_victims: Callable[..., Any], analyst: User, tmp_path: Path
) -> None:
    make_victims(300, seed=2)
    export(tmp_path / "a.csv")
    export(tmp_path / "b.csv")
    first, second = CtdcExport.objects.order_by("created_at")
    assert first.sha256 == second.sha256
    assert first.input_sha256 == second.input_sha256


def test_only_an_analyst_may_export(
    make_victims: Callable[..., Any], worker: User, tmp_path: Path
) -> None:
    make_victims(50)
    with pytest.raises(CommandError, match="analyst role"):
        export(tmp_path / "x.csv", user=worker.username)
    with pytest.raises(CommandError, match="analyst role"):
        export(tmp_path / "x.csv", user="nobody")
    assert not (tmp_path / "x.csv").exists()
    assert not CtdcExport.objects.exists()


def test_too_few_victims_is_refused_and_nothing_is_written(
    make_victims: Callable[..., Any], analyst: User, tmp_path: Path
) -> None:
    make_victims(5)
    with pytest.raises(CommandError, match="refused, nothing written"):
        export(tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    assert not CtdcExport.objects.exists()
