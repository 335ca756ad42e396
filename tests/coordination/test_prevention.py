"""Campaigns, trainings, inspections with screenings on the spot, coverage and the figures the
annual report takes."""

from datetime import date, datetime
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from palermo.coordination.figures import prevention_figures
from palermo.coordination.models import (
    Campaign,
    IndicatorValue,
    Inspection,
    InspectionScreening,
    Measure,
    Tip,
)
from palermo.coordination.periods import quarter_of
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening
from tests.cast import Committee
from tests.coordination.conftest import client_for
from tests.screenings import PRESUMED_VICTIM

pytestmark = pytest.mark.django_db


def test_a_campaign_is_recorded_by_its_agency(committee: Committee) -> None:
    response = client_for(committee.labour).post(
        reverse("coordination:campaign_new"),
        {
            "title": "Your passport is yours",
            "channel": "social_media",
            "languages": ["zh-hant", "tl"],
            "audiences": ["domestic_workers", "employers"],
            "starts_on": "2026-07-01",
            "ends_on": "2026-06-01",
            "reach": "1000",
        },
    )
    assert response.status_code == 400
    assert "The end is before the start" in response.content.decode()
    assert not Campaign.objects.exists()


def test_an_inspection_screens_on_the_spot(committee: Committee) -> None:
    inspector = client_for(committee.labour)
    response = inspector.post(
        reverse("coordination:inspection_new"),
        {
            "kind": "labour",
            "inspected_on": str(timezone.localdate()),
            "place": "Residential block, district 2",
            "sector": "domestic_work",
            "workers_met": "3",
            "referrals_made": "0",
            "follow_up": "Return with an interpreter",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT follow_up FROM coordination_inspection")
        assert "interpreter" not in cursor.fetchone()[0]
    response = inspector.post(
        reverse("coordination:inspection_screen", args=[inspection.reference]),
        {"indicator_list": "adult_labour"},
    )
    screening = Screening.objects.get()
    assert response["Location"] == reverse("screening:detail", args=[screening.reference])
    assert InspectionScreening.objects.get().inspection == inspection
    page = inspector.get(reverse("coordination:inspection_detail", args=[inspection.reference]))
    assert screening.reference in page.content.decode()


def _screen(committee: Committee, inspection: Inspection, answers: dict[str, str]) -> Screening:
    from palermo.screening.services import record_answers, start_screening

    screening = start_screening(committee.labour, "adult_labour")
    InspectionScreening.objects.create(inspection=inspection, screening=screening)
    record_answers(screening, answers, committee.labour)
    finish_screening(screening, committee.labour)
    return screening


def test_coverage_moves_against_the_plans_target(committee: Committee, measure: Measure) -> None:
    today = timezone.localdate()
    period = quarter_of(today).code
    bound = measure.indicators.get(figure="screened:domestic_work")
    IndicatorValue.objects.create(indicator=bound, period=period, target=4)
    inspection = Inspection.objects.create(
        agency=committee.labour.agency,
        kind="labour",
        inspected_on=today,
        place="Flat",
        sector="domestic_work",
    )
    _screen(committee, inspection, PRESUMED_VICTIM)
    _screen(committee, inspection, {})
    page = client_for(committee.secretariat).get(
        reverse("coordination:coverage"), {"period": period}
    )
    html = page.content.decode()
    row = '<tr data-sector="domestic_work"><td>domestic work</td><td class="screened">2</td>'
    assert row + "<td>4.00</td><td>50 %</td></tr>" in html


def test_prevention_figures(committee: Committee, prevention: dict[str, Any], tip: Tip) -> None:
    _screen(committee, prevention["inspection"], PRESUMED_VICTIM)
    Inspection.objects.filter(pk=prevention["inspection"].pk).update(
        indicators_found=True, referrals_made=1
    )
    Tip.objects.filter(pk=tip.pk).update(received_at=timezone.make_aware(datetime(2026, 6, 1, 9)))
    tip.refresh_from_db()
    tip.forward(committee.labour.agency, committee.hotline)
    year = prevention_figures(date(2026, 1, 1), date(2026, 12, 31))
    assert year["campaigns"] == 1
    assert year["campaign_reach"] == 5000
    assert year["campaigns_by_channel"] == {"radio": 1}
    assert (year["trainings"], year["trainees"]) == (1, 12)
    assert year["trainees_by_agency"] == {"labour": 12}
    assert year["inspections"] == 1
    assert year["inspections_with_indicators"] == 1
    assert year["referrals_from_inspections"] == 1
    assert year["screenings_at_inspections"] == 1
    assert year["presumed_victims_at_inspections"] == 1
    assert year["tips_by_channel"] == {"web": 1}
    assert year["tips_forwarded"] == 1
    assert year["median_hours_to_first_action"] is not None
    before = prevention_figures(date(2025, 1, 1), date(2025, 12, 31))
    assert before["campaigns"] == before["inspections"] == before["tips"] == 0
