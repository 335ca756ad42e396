"""`palermo report annual` writes every format; the public JSON hides small counts."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from palermo.jurisdiction.models import Jurisdiction
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "xlsx"])
def test_each_format_is_written(world: Any, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    call_command("report", "annual", "--year", str(YEAR), "--format", fmt, "--out", str(out))
    assert out.stat().st_size > 0


def test_json_has_one_key_per_figure_and_the_public_edition_hides_small_counts(
    world: Any, tmp_path: Path
) -> None:
    out = tmp_path / "public.json"
    call_command(
        "report", "annual", "--year", str(YEAR), "--format", "json", "--out", str(out), "--public"
    )
    data = json.loads(out.read_text())
    assert "justice_flow" in data
    assert "quality_unknowns" not in data
    values = [
        value
        for key, figure in data.items()
        if isinstance(figure, dict) and "cells" in figure
        for row in figure["cells"].values()
        for value in row.values()
    ]
    assert None in values
    assert not [v for v in values if v is not None and 0 < v < 10]


def test_xlsx_has_one_sheet_per_table(world: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    call_command("report", "annual", "--year", str(YEAR), "--format", "xlsx", "--out", str(out))
    book = load_workbook(out)
    assert "victims_presumed" in book.sheetnames
    assert "trend" in book.sheetnames


def test_pdf_is_made_from_the_html(world: Any, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "report.pdf"
    call_command(
        "report", "annual", "--year", str(YEAR), "--format", "pdf", "--out", str(out), "--public"
    )
    assert out.read_bytes().startswith(b"%PDF")


def test_a_bad_year_is_refused(tmp_path: Path, jurisdiction: Jurisdiction) -> None:
    with pytest.raises(CommandError, match="year"):
        call_command("report", "annual", "--year", "20", "--out", str(tmp_path / "x.json"))


def test_the_estimate_command_stores_the_hidden_figure_on_the_last_build(
    world: Any, tmp_path: Path
) -> None:
    from palermo.reporting.models import Report

    call_command(
        "report",
        "annual",
        "--year",
        str(YEAR),
        "--format",
        "json",
        "--out",
        str(tmp_path / "r.json"),
    )
    output = StringIO()
    call_command("report", "estimate", "--year", str(YEAR), stdout=output)
    assert "Identified" in output.getvalue()
    estimate = Report.objects.get().estimate
    assert estimate["observed"] > 0
    if estimate.get("estimate") is not None:
        assert "the range of the models' 95 % intervals" in output.getvalue()
        for name in estimate["methods"]:
            assert f"  {name}: " in output.getvalue()


def test_the_estimate_needs_a_build(jurisdiction: Jurisdiction) -> None:
    with pytest.raises(CommandError, match="report annual"):
        call_command("report", "estimate", "--year", str(YEAR))
