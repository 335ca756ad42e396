"""The hidden-figure estimate beside the detected counts on the five-year trend."""

import base64
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.reporting.build import build_report
from palermo.reporting.exports import export
from palermo.reporting.models import Report
from palermo.reporting.periods import Period
from palermo.reporting.presentation import present
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db
LABEL = "estimated victims (95 per cent interval)"


def estimated(observed: int, estimate: float | None, low: float, high: float) -> dict[str, Any]:
    interval = {"low": low, "high": high} if estimate is not None else {}
    return {"observed": observed, "estimate": estimate, "interval": interval, "warnings": []}


@pytest.fixture
def builds(world: Any, analyst: User) -> Report:
    """This year's build, and estimates made on builds of earlier years."""
    older = build_report(Period.of(YEAR - 1), analyst)
    older.estimate = estimated(30, 70.0, 50.0, 120.0)  # superseded by the next build
    older.save()
    latest = build_report(Period.of(YEAR - 1), analyst)
    latest.estimate = estimated(31, 55.4, 40.2, 90.7)
    latest.save()
    with_estimate = build_report(Period.of(YEAR - 2), analyst)
    with_estimate.estimate = estimated(12, 20.2, 14.0, 33.0)
    with_estimate.save()
    none_found = build_report(Period.of(YEAR - 2), analyst)  # too sparse: keeps the one before
    none_found.estimate = estimated(12, None, 0, 0)
    none_found.save()
    build_report(Period.of(YEAR - 2, "tip"), analyst)  # another kind of period: never used
    return build_report(Period.of(YEAR), analyst)


def test_the_latest_estimate_of_each_year_goes_beside_the_trend(builds: Report) -> None:
    years = [period.year for period in Period.of(YEAR).trend()]
    estimates = Report.objects.estimates_of(years, "calendar")
    assert sorted(estimates) == [YEAR - 2, YEAR - 1]
    view = present(builds.snapshot, public=False, estimates=estimates)
    shown = {(p.year, p.observed, p.estimate, p.low, p.high) for p in view.estimates}
    assert shown == {(str(YEAR - 1), 31, 55, 40, 91), (str(YEAR - 2), 12, 20, 14, 33)}
    svg = base64.b64decode(view.trend.chart.split(",", 1)[1]).decode()
    assert LABEL in svg  # the estimate is drawn, with its legend
    plain = present(builds.snapshot, public=False)
    assert LABEL not in base64.b64decode(plain.trend.chart.split(",", 1)[1]).decode()


def test_the_page_and_the_json_show_the_estimates_the_public_edition_does_not(
    builds: Report, analyst: User
) -> None:
    client = Client()
    client.force_login(analyst)
    body = client.get(reverse("reporting:report", args=[builds.pk])).content.decode()
    assert 'id="trend-estimates"' in body
    assert "40–91" in body
    public = client.get(reverse("reporting:report", args=[builds.pk]), {"edition": "public"})
    assert 'id="trend-estimates"' not in public.content.decode()
    estimates = Report.objects.estimates_of([YEAR - 1], "calendar")
    data = json.loads(export(builds.snapshot, "json", public=False, estimates=estimates))
    assert data["trend_estimates"][str(YEAR - 1)] == {
        "identified": 31,
        "estimate": 55,
        "low": 40,
        "high": 91,
    }
    public_data = json.loads(export(builds.snapshot, "json", public=True, estimates=estimates))
    assert "trend_estimates" not in public_data
