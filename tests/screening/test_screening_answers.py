"""Answers saved as you go (htmx, one indicator at a time) and all at once without JavaScript."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening

KEY = "exploitation.bad_living_conditions"


@pytest.fixture
def htmx(screener: User) -> Callable[..., Any]:
    client = Client(headers={"HX-Request": "true"})
    client.force_login(screener)

    def post(screening: Screening, data: dict[str, str]) -> Any:
        return client.post(reverse("screening:answer", args=[screening.reference]), data)

    return post


def test_one_answer_is_saved_and_says_so(htmx: Callable[..., Any], screening: Screening) -> None:
    response = htmx(screening, {KEY: "observed"})

    assert response.status_code == 200
    assert "Saved" in response.content.decode()
    assert "<html" not in response.content.decode()  # a fragment, not a page
    screening.refresh_from_db()
    assert screening.answers == {KEY: "observed"}


def test_answers_add_up_and_can_change(htmx: Callable[..., Any], screening: Screening) -> None:
    htmx(screening, {KEY: "observed"})
    htmx(screening, {"exploitation.hazardous_work": "not_observed"})
    htmx(screening, {KEY: "unknown"})

    screening.refresh_from_db()
    assert screening.answers == {KEY: "unknown", "exploitation.hazardous_work": "not_observed"}


def test_the_audit_names_the_indicator_but_never_the_answer(
    htmx: Callable[..., Any], screening: Screening
) -> None:
    htmx(screening, {KEY: "observed"})

    entry = AuditEntry.objects.get(action="answer")
    assert entry.object_ref == screening.reference
    assert entry.changes == {"indicators": [KEY]}
    assert "observed" not in str(entry.changes)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"exploitation.no_such_thing": "observed"}, "exploitation.no_such_thing"),
        ({"exploitation.violence_on_victims": "observed"}, "not an indicator of this list"),
        ({KEY: "maybe"}, "is not an answer"),
        ({}, "No answer was sent"),
    ],
)
def test_invalid_answers_are_refused_with_a_reason(
    htmx: Callable[..., Any], screening: Screening, data: dict[str, str], message: str
) -> None:
    response = htmx(screening, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    screening.refresh_from_db()
    assert screening.answers == {}


def test_one_bad_answer_spoils_the_batch(htmx: Callable[..., Any], screening: Screening) -> None:
    response = htmx(screening, {KEY: "observed", "exploitation.hazardous_work": "sometimes"})

    assert response.status_code == 400
    screening.refresh_from_db()
    assert screening.answers == {}


def test_a_finished_screening_keeps_its_answers(
    htmx: Callable[..., Any], screener: User, screening: Screening
) -> None:
    finish_screening(screening, screener)

    response = htmx(screening, {KEY: "observed"})

    assert response.status_code == 409
    screening.refresh_from_db()
    assert screening.answers == {}


def test_without_javascript_the_whole_form_is_saved(screener: User, screening: Screening) -> None:
    client = Client()
    client.force_login(screener)
    data = {KEY: "observed", "exploitation.hazardous_work": "not_observed"}

    response = client.post(reverse("screening:answer", args=[screening.reference]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("screening:detail", args=[screening.reference])
    screening.refresh_from_db()
    assert screening.answers == data
    assert screening.status == "draft"  # left to be finished later
    page = client.get(response["Location"]).content.decode()
    assert f'name="{KEY}" value="observed" checked' in page


def test_without_javascript_an_invalid_answer_shows_the_form_with_the_reason(
    screener: User, screening: Screening
) -> None:
    client = Client()
    client.force_login(screener)

    response = client.post(reverse("screening:answer", args=[screening.reference]), {KEY: "?"})

    assert response.status_code == 400
    assert response.templates[0].name == "screening/detail.html"
    assert "is not an answer" in response.content.decode()
