"""The hidden figure: an MSE from the agencies' lists of the year, with a warning when sparse."""

import datetime
import random
from pathlib import Path

import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.jurisdiction.models import Jurisdiction
from palermo.registry.models import Person, VictimCase
from palermo.reporting.build import build_report
from palermo.reporting.estimate import estimate_hidden_figure
from palermo.reporting.periods import Period
from palermo.reporting.presentation import estimate_view
from palermo_analytics.estimation._comparison import DEFAULT_COMPARED
from palermo_analytics.linkage import read_person_lists

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


def test_independent_lists_estimate_the_population(jurisdiction: Jurisdiction) -> None:
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


def test_the_figure_is_the_range_of_compares_models(jurisdiction: Jurisdiction) -> None:
    seed_captures(population=600, chance=0.35)
    result = estimate_hidden_figure(Period.of(YEAR))
    models = result["methods"]
    assert tuple(models) == DEFAULT_COMPARED
    assert result["interval"]["method"] == "range"
    assert result["interval"]["low"] == min(model["low"] for model in models.values())
    assert result["interval"]["high"] == max(model["high"] for model in models.values())
    assert min(m["estimate"] for m in models.values()) <= result["estimate"]
    assert result["estimate"] <= max(m["estimate"] for m in models.values())
    # Estimated again from the same lists, the published figure does not move.
    assert estimate_hidden_figure(Period.of(YEAR))["interval"] == result["interval"]


def test_the_page_shows_each_model_beside_the_range(
    jurisdiction: Jurisdiction, analyst: User
) -> None:
    seed_captures(population=600, chance=0.35)
    report = build_report(Period.of(YEAR), analyst)
    report.estimate = estimate_hidden_figure(Period.of(YEAR))
    report.save(update_fields=["estimate"])
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "the range of the models" in page
    assert 'id="estimate-models"' in page
    for name, model in report.estimate["methods"].items():
        assert f'<th scope="row">{name}</th><td>{round(model["estimate"])}</td>' in page


def test_an_estimate_stored_before_the_range_still_shows(jurisdiction: Jurisdiction) -> None:
    stored = {"observed": 10, "estimate": 20.4, "interval": {"low": 12, "high": 40.6}}
    view = estimate_view(stored, charts=False)
    assert view is not None
    assert (view.estimate, view.low, view.high, view.methods) == (20, 12, 41, [])


def test_too_few_lists_is_said_plainly(jurisdiction: Jurisdiction) -> None:
    police = Agency.objects.get(code="police")
    person = Person.objects.create(recorded_by_agency=police)
    VictimCase.objects.create(
        person=person, owning_agency=police, reflection_period_start=datetime.date(YEAR, 2, 1)
    )
    result = estimate_hidden_figure(Period.of(YEAR))
    assert "estimate" not in result
    assert result["warnings"]


def test_lists_nobody_is_on_two_of_give_no_number(jurisdiction: Jurisdiction) -> None:
    agencies = [Agency.objects.get(code=code) for code in LISTS]
    for number in range(60):
        agency = agencies[number % len(agencies)]
        VictimCase.objects.create(
            person=Person.objects.create(recorded_by_agency=agency),
            owning_agency=agency,
            reflection_period_start=datetime.date(YEAR, 4, 1),
        )
    result = estimate_hidden_figure(Period.of(YEAR))
    assert result["observed"] == 60
    assert "estimate" not in result
    assert any("no estimate is made" in warning for warning in result["warnings"])
    assert sum(item["count"] for item in result["overlaps"]) == 60  # the lists are still shown


def test_sparse_lists_carry_a_warning(jurisdiction: Jurisdiction) -> None:
    # Under 50 seen, but enough of them on two or more lists for the models to run.
    seed_captures(population=40, chance=0.5)
    result = estimate_hidden_figure(Period.of(YEAR))
    assert result["observed"] < 50
    assert result["estimate"] is not None
    assert any("too small" in warning for warning in result["warnings"])


def test_the_page_starts_the_estimate_as_a_job(jurisdiction: Jurisdiction, analyst: User) -> None:
    report = build_report(Period.of(YEAR), analyst)
    client = Client()
    client.force_login(analyst)
    response = client.post(reverse("reporting:estimate", args=[report.pk]))
    assert response.status_code == 302
    assert "/jobs/" in response["Location"]
    page = client.get(reverse("reporting:report", args=[report.pk]))
    assert "Estimate the hidden figure" in page.content.decode()


def test_uploaded_lists_are_linked_with_the_registry_lists(
    jurisdiction: Jurisdiction, tmp_path: Path
) -> None:
    from faker import Faker

    fake = Faker("en_GB")
    Faker.seed(5)
    police, labour = Agency.objects.get(code="police"), Agency.objects.get(code="labour")
    people = [
        (fake.first_name(), fake.last_name(), f"19{70 + n % 25}-0{1 + n % 9}-1{n % 9}")
        for n in range(80)
    ]
    for number, (given, family, born) in enumerate(people[:50]):
        person = Person.objects.create(
            given_name=given, family_name=family, date_of_birth=born, recorded_by_agency=police
        )
        # Police found all 50; labour inspectors every third of them.
        for agency in [police, labour] if number % 3 == 0 else [police]:
            VictimCase.objects.create(
                person=person,
                owning_agency=agency,
                reflection_period_start=datetime.date(YEAR, 3, 1),
            )
    uploaded = pd.DataFrame(
        [
            {
                "record_id": f"H{n}",
                "source": "hotline_ngo",
                "given_name": g,
                "family_name": f,
                "date_of_birth": born,
            }
            for n, (g, f, born) in enumerate(people[30:])
        ]
    )
    uploaded.to_csv(tmp_path / "hotline.csv", index=False)
    lists = read_person_lists([tmp_path / "hotline.csv"])
    result = estimate_hidden_figure(Period.of(YEAR), uploaded=lists)
    assert result["lists"] == ["hotline_ngo", "labour", "police"]
    # 80 people on 117 records: linkage can only merge records, never split a person, and on
    # lists this small it may leave some of the same person's records apart.
    assert 80 <= result["observed"] <= 117
    assert sum(item["count"] for item in result["overlaps"]) == result["observed"]
