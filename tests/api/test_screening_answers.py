"""Screening through the API: my screenings, starting one, answering as you go, and finishing
with the result and why — the pages' rules, the pages' audit."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening, record_answers, start_screening
from tests.api.program import Headers
from tests.screenings import DECEPTIVE, EXPLOITATION


def answer(program: Client, screening: Screening, headers: dict[str, str], body: Any) -> Any:
    return program.patch(
        reverse("api:screening_answers", args=[screening.reference]),
        body,
        content_type="application/json",
        headers=headers,
    )


def finish(program: Client, screening: Screening, headers: dict[str, str]) -> Any:
    return program.post(
        reverse("api:screening_finish", args=[screening.reference]), headers=headers
    )


def problems(response: Any) -> dict[tuple[str, ...], str]:
    return {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}


def test_starting_a_screening_makes_a_draft_and_audits_it(
    program: Client, screener: User, bearer: Headers
) -> None:
    response = program.post(
        reverse("api:screening_start"),
        {"indicator_list": "child_sexual"},
        content_type="application/json",
        headers=bearer(screener),
    )

    assert response.status_code == 201
    created = Screening.objects.get()
    assert response.json()["reference"] == created.reference
    assert response.json()["verification"] == "provisional"
    assert (created.screener, created.agency, created.status) == (
        screener,
        screener.agency,
        "draft",
    )
    assert AuditEntry.objects.filter(action="create", object_ref=created.reference).exists()


def test_an_unknown_list_is_refused_by_field(
    program: Client, screener: User, bearer: Headers
) -> None:
    response = program.post(
        reverse("api:screening_start"),
        {"indicator_list": "adults"},
        content_type="application/json",
        headers=bearer(screener),
    )

    assert response.status_code == 422
    assert ("body", "indicator_list") in problems(response)
    assert not Screening.objects.exists()


def test_only_screeners_screen(
    program: Client, make_user: Callable[..., User], bearer: Headers
) -> None:
    worker = make_user("caseworker", "police", "case_worker")

    started = program.post(
        reverse("api:screening_start"),
        {"indicator_list": "adult_labour"},
        content_type="application/json",
        headers=bearer(worker),
    )
    listed = program.get(reverse("api:screenings"), headers=bearer(worker))

    assert (started.status_code, listed.status_code) == (403, 403)
    assert not Screening.objects.exists()


def test_the_list_shows_my_screenings_in_progress_first_and_filters_by_status(
    program: Client, screener: User, make_user: Callable[..., User], bearer: Headers
) -> None:
    done = start_screening(screener, "adult_labour")
    finish_screening(done, screener)
    draft = start_screening(screener, "child_labour")
    start_screening(make_user("colleague", "police", "screener"), "adult_labour")

    everything = program.get(reverse("api:screenings"), headers=bearer(screener)).json()
    completed = program.get(
        reverse("api:screenings"), {"status": "completed"}, headers=bearer(screener)
    ).json()

    assert [s["reference"] for s in everything["results"]] == [draft.reference, done.reference]
    assert (everything["count"], everything["page"], everything["pages"]) == (2, 1, 1)
    assert [s["reference"] for s in completed["results"]] == [done.reference]
    assert completed["results"][0]["outcome"] == "not_indicated"


def test_the_list_is_paginated_by_25(program: Client, screener: User, bearer: Headers) -> None:
    for _ in range(27):
        start_screening(screener, "adult_labour")

    second = program.get(reverse("api:screenings"), {"page": 2}, headers=bearer(screener)).json()

    assert (second["count"], second["page"], second["pages"]) == (27, 2, 2)
    assert len(second["results"]) == 2


def test_a_bad_status_filter_is_refused(program: Client, screener: User, bearer: Headers) -> None:
    response = program.get(reverse("api:screenings"), {"status": "done"}, headers=bearer(screener))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


def test_answers_are_saved_and_audited_without_the_answers_given(
    program: Client, screener: User, screening: Screening, bearer: Headers
) -> None:
    record_answers(screening, {"exploitation.bad_living_conditions": "not_observed"}, screener)

    response = answer(program, screening, bearer(screener), DECEPTIVE)

    assert response.status_code == 200
    screening.refresh_from_db()
    assert screening.answers == {"exploitation.bad_living_conditions": "not_observed", **DECEPTIVE}
    assert response.json()["answers"] == screening.answers
    audit = AuditEntry.objects.filter(action="answer", object_ref=screening.reference).latest(
        "sequence"
    )
    assert audit.changes == {"indicators": sorted(DECEPTIVE)}
    assert "observed" not in str(audit.changes)


@pytest.mark.parametrize(
    ("body", "key", "said"),
    [
        (
            {"exploitation.debt_bondage": "observed"},
            "exploitation.debt_bondage",
            "not an indicator",
        ),
        (
            {"exploitation.bad_living_conditions": "yes"},
            "exploitation.bad_living_conditions",
            "yes",
        ),
    ],
)
def test_an_unknown_indicator_or_answer_is_refused_naming_the_key(
    program: Client,
    screener: User,
    screening: Screening,
    bearer: Headers,
    body: dict[str, str],
    key: str,
    said: str,
) -> None:
    response = answer(program, screening, bearer(screener), {**DECEPTIVE, **body})

    assert response.status_code == 422
    assert said in problems(response)[("body", key)]
    assert len(problems(response)) == 1
    screening.refresh_from_db()
    assert screening.answers == {}  # nothing is saved when one answer is wrong


def test_an_empty_body_is_refused(
    program: Client, screener: User, screening: Screening, bearer: Headers
) -> None:
    response = answer(program, screening, bearer(screener), {})

    assert response.status_code == 422
    assert ("body",) in problems(response)


def test_a_finished_screening_keeps_its_answers(
    program: Client, screener: User, screening: Screening, bearer: Headers
) -> None:
    finish_screening(screening, screener)

    response = answer(program, screening, bearer(screener), DECEPTIVE)

    assert response.status_code == 409
    assert "finished" in problems(response)[("body",)]
    screening.refresh_from_db()
    assert screening.answers == {}


def test_finishing_gives_the_outcome_and_why(
    program: Client, screener: User, screening: Screening, bearer: Headers
) -> None:
    record_answers(screening, {**DECEPTIVE, **EXPLOITATION}, screener)

    response = finish(program, screening, bearer(screener))

    assert response.status_code == 200
    result = response.json()["result"]
    assert (result["outcome"], result["presumed_victim"]) == ("further_assessment", False)
    assert result["verification"] == "secondary_source"
    assert result["present_dimensions"] == ["deceptive_recruitment", "exploitation"]
    findings = {f["dimension"]: f for f in result["findings"]}
    assert findings["exploitation"]["present"] is True
    assert {i["key"] for i in findings["exploitation"]["observed"]} == set(EXPLOITATION)
    assert findings["coercion_at_destination"] == {
        **findings["coercion_at_destination"],
        "present": False,
        "observed": [],
    }
    screening.refresh_from_db()
    assert (screening.status, screening.outcome) == ("completed", "further_assessment")
    assert AuditEntry.objects.filter(action="complete", object_ref=screening.reference).exists()


def test_finishing_twice_keeps_the_first_result(
    program: Client, screener: User, screening: Screening, bearer: Headers
) -> None:
    record_answers(screening, EXPLOITATION, screener)
    finish(program, screening, bearer(screener))

    again = finish(program, screening, bearer(screener))

    assert again.status_code == 409
    assert AuditEntry.objects.filter(action="complete").count() == 1


def test_the_detail_shows_the_result_of_a_finished_screening(
    program: Client, screener: User, screening: Screening, bearer: Headers
) -> None:
    record_answers(screening, EXPLOITATION, screener)
    finish_screening(screening, screener)

    response = program.get(
        reverse("api:screening", args=[screening.reference]), headers=bearer(screener)
    )

    assert response.json()["result"]["present_dimensions"] == ["exploitation"]


@pytest.mark.parametrize(
    ("username", "agency_code", "roles"),
    [
        ("colleague", "police", ("screener",)),
        ("outsider", "labour", ("screener",)),
        ("caseworker", "police", ("case_worker",)),
    ],
)
def test_only_the_screener_who_made_it_answers_or_finishes(
    program: Client,
    screening: Screening,
    make_user: Callable[..., User],
    bearer: Headers,
    username: str,
    agency_code: str,
    roles: tuple[str, ...],
) -> None:
    other = make_user(username, agency_code, *roles)

    answered = answer(program, screening, bearer(other), DECEPTIVE)
    finished = finish(program, screening, bearer(other))

    assert (answered.status_code, finished.status_code) == (404, 404)
    screening.refresh_from_db()
    assert (screening.answers, screening.status) == ({}, "draft")


def test_a_browser_session_must_send_the_csrf_token(screener: User, screening: Screening) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(screener)

    response = answer(browser, screening, {}, DECEPTIVE)

    assert response.status_code == 403
    screening.refresh_from_db()
    assert screening.answers == {}
