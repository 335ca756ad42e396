"""The action plan: standing of measures, progress by the owner with a reason when late,
indicators that fill themselves, evidence, and the progress report in three formats."""

import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from palermo.coordination.models import (
    Evidence,
    IndicatorValue,
    Inspection,
    InspectionScreening,
    Measure,
    MeasureStatus,
    Standing,
    record_progress,
)
from palermo.coordination.periods import parse_period, quarter_of
from palermo.coordination.progress import actual_for, plan_report, target_for
from palermo.coordination.report_formats import as_pdf, as_xlsx
from palermo.screening.services import finish_screening, start_screening
from tests.cast import Committee
from tests.coordination.conftest import client_for
from tests.registry.sample_files import image

pytestmark = pytest.mark.django_db

PNG = image("PNG")  # a real image: uploads are decoded and re-encoded


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026Q3", "2026-07-01", "2026-09-30"),
        ("2026q4", "2026-10-01", "2026-12-31"),
        ("2025", "2025-01-01", "2025-12-31"),
    ],
)
def test_periods(code: str, start: str, end: str) -> None:
    period = parse_period(code)
    assert (str(period.start), str(period.end)) == (start, end)


@pytest.mark.parametrize("code", ["2026Q5", "Q3", "26Q1", ""])
def test_a_malformed_period_is_named(code: str) -> None:
    with pytest.raises(ValueError, match="expected a year"):
        parse_period(code)


def test_standing_late_on_track_done(measure: Measure) -> None:
    today = timezone.localdate()
    assert measure.standing_on(today) == Standing.ON_TRACK
    assert measure.standing_on(measure.deadline + timedelta(days=1)) == Standing.LATE
    measure.status = MeasureStatus.DONE
    assert measure.standing_on(measure.deadline + timedelta(days=1)) == Standing.DONE
    assert list(Measure.objects.late_on(today)) == []


def test_a_late_measure_needs_a_reason(measure: Measure, committee: Committee) -> None:
    period = quarter_of(timezone.localdate()).code
    with pytest.raises(ValidationError, match="Say why"):
        record_progress(measure, period, "behind", "Recruiting", committee.labour)
    record_progress(
        measure, period, "behind", "Recruiting", committee.labour, late_reason="No interpreters"
    )
    measure.refresh_from_db()
    assert measure.standing_on(timezone.localdate()) == Standing.LATE
    assert Measure.objects.late_on(timezone.localdate()).get() == measure


def test_the_owner_reports_progress_with_hand_actuals(
    measure: Measure, committee: Committee
) -> None:
    period = quarter_of(timezone.localdate()).code
    hand = measure.indicators.get(figure="")
    response = client_for(committee.labour).post(
        reverse("coordination:progress_add", args=[measure.reference]),
        {
            "progress-period": period,
            "progress-status": "on_track",
            "progress-narrative": "Two briefings held",
            "progress-budget_spent": "1200.50",
            f"progress-actual_{hand.pk}": "35",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.budget_spent == Decimal("1200.50")
    assert measure.status == MeasureStatus.IN_PROGRESS
    assert IndicatorValue.objects.get(indicator=hand, period=period).actual == 35


def test_a_late_report_without_reason_is_a_400(measure: Measure, committee: Committee) -> None:
    response = client_for(committee.labour).post(
        reverse("coordination:progress_add", args=[measure.reference]),
        {
            "progress-period": quarter_of(timezone.localdate()).code,
            "progress-status": "behind",
            "progress-narrative": "x",
        },
    )
    assert response.status_code == 400
    assert "Say why the measure is late" in response.content.decode()
    assert not measure.progress.exists()


def test_a_bound_indicator_fills_itself(measure: Measure, committee: Committee) -> None:
    bound = measure.indicators.get(figure="screened:domestic_work")
    period = quarter_of(timezone.localdate())
    assert actual_for(bound, period) == 0
    inspection = Inspection.objects.create(
        agency=committee.labour.agency,
        kind="labour",
        inspected_on=timezone.localdate(),
        place="Flat",
        sector="domestic_work",
    )
    screening = start_screening(committee.labour, "adult_labour")
    InspectionScreening.objects.create(inspection=inspection, screening=screening)
    assert actual_for(bound, period) == 0  # not finished yet: not counted
    finish_screening(screening, committee.labour)
    assert actual_for(bound, period) == 1


def test_evidence_is_stored_encrypted_and_downloaded_by_who_sees_the_measure(
    measure: Measure, committee: Committee
) -> None:
    upload = io.BytesIO(PNG)
    upload.name = "attendance-sheet.png"
    url = reverse("coordination:evidence_upload", args=[measure.reference])
    assert client_for(committee.labour).post(url, {"document-file": upload}).status_code == 302
    evidence = Evidence.objects.get()
    assert PNG not in bytes(evidence.content)
    download = reverse("coordination:evidence_download", args=[measure.reference, evidence.pk])
    response = client_for(committee.police).get(download)
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == Image.open(io.BytesIO(PNG)).size
    assert "attendance" not in response["Content-Disposition"]
    assert client_for(committee.outsider).get(download).status_code == 404


def test_a_fake_image_is_refused(measure: Measure, committee: Committee) -> None:
    upload = io.BytesIO(b"<html>not an image</html>")
    upload.name = "x.png"
    url = reverse("coordination:evidence_upload", args=[measure.reference])
    assert client_for(committee.labour).post(url, {"document-file": upload}).status_code == 400
    assert not Evidence.objects.exists()


def _late_measure(measure: Measure, committee: Committee) -> str:
    period = quarter_of(timezone.localdate()).code
    record_progress(
        measure, period, "behind", "Slow start", committee.labour, late_reason="Budget frozen"
    )
    return period


def test_the_report_page_and_downloads(measure: Measure, committee: Committee) -> None:
    period = _late_measure(measure, committee)
    client = client_for(committee.secretariat)
    url = reverse("coordination:plan_report")
    page = client.get(url, {"period": period}).content.decode()
    assert "Budget frozen" in page
    assert measure.objective in page
    xlsx = client.get(url, {"period": period, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "1.1"
    assert rows[1][5] == "late"
    pdf = client.get(url, {"period": period, "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_xlsx_cells_never_run_as_formulas(measure: Measure, committee: Committee) -> None:
    Measure.objects.filter(pk=measure.pk).update(objective='=HYPERLINK("http://x")')
    report = plan_report(Measure.objects.all(), quarter_of(timezone.localdate()).code)
    sheet = load_workbook(io.BytesIO(as_xlsx(report))).active
    assert sheet is not None
    assert str(sheet["C2"].value).startswith("'=")


def test_the_pdf_holds_the_chinese_text(measure: Measure, committee: Committee) -> None:
    Measure.objects.filter(pk=measure.pk).update(objective="主動甄別外地家務工作者")
    report = plan_report(Measure.objects.all(), quarter_of(timezone.localdate()).code)
    pdf = as_pdf(report)
    assert pdf.startswith(b"%PDF")


def test_the_command_writes_each_format(
    measure: Measure, committee: Committee, tmp_path: Path
) -> None:
    period = _late_measure(measure, committee)
    for kind in ("html", "xlsx", "pdf"):
        out = tmp_path / f"report.{kind}"
        call_command("plan_report", "--period", period, "--format", kind, "--output", str(out))
        assert out.stat().st_size > 500
    assert "Budget frozen" in (tmp_path / "report.html").read_text()


def test_palermo_report_plan_is_the_plan_report(
    measure: Measure, committee: Committee, tmp_path: Path
) -> None:
    from palermo.cli import main

    period = _late_measure(measure, committee)
    out = tmp_path / "plan.html"
    main(["report", "plan", "--period", period, "--format", "html", "--out", str(out)])
    assert "Budget frozen" in out.read_text()


def test_the_command_names_a_bad_period(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2026Q9"):
        call_command("plan_report", "--period", "2026Q9", "--format", "html")


def test_the_secretariat_adds_a_measure(committee: Committee) -> None:
    today = timezone.localdate()
    response = client_for(committee.secretariat).post(
        reverse("coordination:measure_new"),
        {
            "code": "2.1",
            "pillar": "protection",
            "objective": "Open a second shelter",
            "lead_agency": committee.labour.agency_id,
            "starts_on": str(today),
            "deadline": str(today - timedelta(days=1)),
            "budget_allocated": "0",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert "The deadline is before the start" in response.content.decode()
    assert not Measure.objects.exists()


def test_the_secretariat_sets_a_target_for_one_period(
    measure: Measure, committee: Committee
) -> None:
    bound = measure.indicators.get(figure="screened:domestic_work")
    url = reverse("coordination:target_set", args=[measure.reference])
    client = client_for(committee.secretariat)
    data = {"target-indicator": bound.pk, "target-period": "2026-Q3", "target-target": "8"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Write a year (2026) or a quarter (2026Q3)" in response.content.decode()
    assert client.post(url, {**data, "target-period": "2026q3"}).status_code == 302
    assert target_for(bound, parse_period("2026Q3")) == 8
    assert target_for(bound, parse_period("2026Q4")) == 40  # the overall target elsewhere


def test_victims_identified_counts_each_case_once(committee: Committee) -> None:
    from palermo.coordination.bound_figures import compute
    from palermo.registry.models import Person, StageTransition, VictimCase

    worker = committee.labour
    person = Person.objects.create(given_name="Synthetic", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)
    today = timezone.localdate()
    for _ in range(2):  # identified, moved back, identified again: one victim
        StageTransition.objects.create(
            case=case, from_stage="presumed_victim", to_stage="identified", by=worker, reason="x"
        )
    assert compute("victims_identified", today, today) == 1
    assert compute("victims_identified", today - timedelta(days=9), today - timedelta(days=1)) == 0
