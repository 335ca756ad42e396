"""The hidden figure: an MSE from the agencies' lists of the year, with a warning when sparse."""

import datetime
import random
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency
from palermo.registry.models import Person, VictimCase
from palermo.reporting.build import build_report
from palermo.reporting.estimate import estimate_hidden_figure
from palermo.reporting.periods import Period
from palermo.reporting.presentation import estimate_view

pytestmark = pytest.mark.django_db
YEAR = 2025
LISTS = ["police", "labour", "shelter-ngo"]


def seed_captures(population: int, chance: float, seed: int = 3) -> int:
    """Each person of a population is found by each agency independently; returns how many
    were found by at least one."""
    rng = random.Random(seed)
    agencies = {code: Agency.objects.get(code=code) for code in LISTS}
    found = 0
    for _number in range(population):
        on = [code for code in LISTS if rng.random() < chance]
        if not on:
            continue
        found += 1
        person = Person.objects.create(recorded_by_agency=agencies[on[0]])
        VictimCase.objects.bulk_create(
            VictimCase(
                person=person,
                owning_agency=agencies[code],
                reflection_period_start=datetime.date(YEAR, 6, 1),
            )
            for code in on
        )
    return found


def test_independent_lists_estimate_the_population(jurisdiction: Any) -> None:
    found = seed_captures(population=600, chance=0.35)
    result = estimate_hidden_figure(Period.of(YEAR))
    assert result["observed"] == found
    assert result["lists"] == sorted(LISTS)
    # Independent lists: the estimate is near the truth, well above what was found.
    assert found < result["interval"]["high"]
    assert 0.85 * 600 < result["estimate"] < 1.15 * 600
    assert sum(item["count"] for item in result["overlaps"]) == found
    view = estimate_view(result)
    assert view is not None
    assert view.chart.startswith("data:image/svg+xml")


def test_too_few_lists_is_said_plainly(jurisdiction: Any) -> None:
    police = Agency.objects.get(code="police")
    person = Person.objects.create(recorded_by_agency=police)
    VictimCase.objects.create(
        person=person, owning_agency=police, reflection_period_start=datetime.date(YEAR, 2, 1)
    )
    result = estimate_hidden_figure(Period.of(YEAR))
    assert "estimate" not in result
    assert result["warnings"]


def test_sparse_lists_carry_a_warning(jurisdiction: Any) -> None:
    seed_captures(population=30, chance=0.4)
    result = estimate_hidden_figure(Period.of(YEAR))
    assert any("too small" in warning for warning in result["warnings"])


def test_the_page_starts_the_estimate_as_a_job(jurisdiction: Any, analyst: Any) -> None:
    report = build_report(Period.of(YEAR), analyst)
    client = Client()
    client.force_login(analyst)
    response = client.post(reverse("reporting:estimate", args=[report.pk]))
    assert response.status_code == 302
    assert "/jobs/" in response["Location"]
    page = client.get(reverse("reporting:report", args=[report.pk]))
    assert "Estimate the hidden figure" in page.content.decode()
