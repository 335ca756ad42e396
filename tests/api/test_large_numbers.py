"""Numbers far out of range get a 422 naming the field (or the last page), never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.justice.models import CourtDecision
from tests.api.program import get, post, problems
from tests.cast import Justice

from .test_justice_court import charged_at_trial, today, url

HUGE = [10**10, 2**63, 10**30]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize(
    ("name", "field", "user"),
    [
        ("api:authorisations", "page", "judge"),
        ("api:authorisations", "expiring_within_days", "judge"),
        ("api:criminal_cases", "page", "investigator"),
        ("api:criminal_cases", "year", "investigator"),  # a date's year has four digits
        ("api:victim_cases", "year", "investigator"),
        ("api:victim_cases", "page", "investigator"),
        ("api:screenings", "page", "investigator"),
    ],
)
def test_huge_query_numbers_are_refused(
    justice: Justice, name: str, field: str, user: str, value: int
) -> None:
    response = get(getattr(justice, user), reverse(name), **{field: value})

    assert response.status_code in {403, 422}, response.content
    if response.status_code == 422:
        assert response.json()["detail"][0]["loc"][-1] == field


@pytest.mark.parametrize("months", [2**63, 10**6, -1])
def test_an_impossible_prison_term_is_refused(justice: Justice, months: int) -> None:
    case, charge = charged_at_trial(justice)

    response = post(
        justice.fellow_judge,
        url("decision_add", case),
        charge=charge.pk,
        outcome="convicted",
        decided_on=today(),
        prison_months=months,
    )

    assert any(loc[-1] == "prison_months" for loc in problems(response))
    assert not CourtDecision.objects.exists()


@pytest.mark.parametrize("page", ["9" * 20, "1e400", "-5", "2"])
def test_a_page_number_in_the_billions_shows_a_page(
    justice: Justice, client: Client, page: str
) -> None:
    client.force_login(justice.investigator)

    assert client.get("/criminal-cases/", {"page": page}).status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_date_no_one_can_mean_is_refused(justice: Justice, day: str) -> None:
    case, charge = charged_at_trial(justice)

    response = post(
        justice.fellow_judge,
        url("decision_add", case),
        charge=charge.pk,
        outcome="acquitted",
        decided_on=day,
    )

    assert any(loc[-1] == "decided_on" for loc in problems(response))
    assert not CourtDecision.objects.exists()
