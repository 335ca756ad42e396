"""The screening pages: list, start, the form, finishing with each outcome, and who may see them."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.screening import ilo
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening, record_answers, start_screening
from tests.screenings import COERCION, DECEPTIVE, EXPLOITATION


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_drafts_first(screener: User) -> None:
    finished = start_screening(screener, "adult_labour")
    draft = start_screening(screener, "child_labour")
    finish_screening(finished, screener)
    Screening.objects.filter(pk=finished.pk).update(started_at=draft.started_at.replace(year=2100))

    response = logged_in(screener).get(reverse("screening:list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(draft.reference) < page.index(finished.reference)


def test_the_list_is_paginated(screener: User) -> None:
    for _ in range(27):
        start_screening(screener, "adult_labour")

    first = logged_in(screener).get(reverse("screening:list"))
    second = logged_in(screener).get(reverse("screening:list"), {"page": 2})

    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 2


def test_starting_a_screening_creates_a_draft_and_opens_it(screener: User) -> None:
    client = logged_in(screener)
    assert client.get(reverse("screening:new")).status_code == 200

    response = client.post(reverse("screening:new"), {"indicator_list": "child_sexual"})

    screening = Screening.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:detail", args=[screening.reference])
    assert (screening.screener, screening.agency) == (screener, screener.agency)
    assert (screening.indicator_list, screening.status) == ("child_sexual", "draft")
    assert AuditEntry.objects.filter(action="create", object_ref=screening.reference).exists()


def test_an_unknown_list_is_refused(screener: User) -> None:
    response = logged_in(screener).post(reverse("screening:new"), {"indicator_list": "elderly"})

    assert response.status_code == 200
    assert response.context["form"].errors["indicator_list"]
    assert not Screening.objects.exists()


def test_the_form_asks_every_indicator_grouped_by_dimension(
    screener: User, screening: Screening
) -> None:
    response = logged_in(screener).get(reverse("screening:detail", args=[screening.reference]))

    page = response.content.decode()
    indicators = ilo.indicator_list("adult_labour")
    assert response.status_code == 200
    assert page.count('<fieldset class="indicator"') == len(indicators.indicators)
    assert page.count('type="radio"') == 3 * len(indicators.indicators)
    for dimension in indicators.dimensions:
        assert dimension.label.en in page
    assert 'hx-trigger="change"' in page
    answer_url = reverse("screening:answer", args=[screening.reference])
    assert f'hx-post="{answer_url}"' in page
    fold_pending_reads()  # reads reach the chain at the next fold
    assert AuditEntry.objects.filter(action="read", object_ref=screening.reference).exists()


@pytest.mark.parametrize(
    ("language", "label"),
    [("zh-hant", "zh_hant"), ("pt", "pt"), ("en", "en")],
)
def test_labels_are_in_the_users_language(
    screener: User, screening: Screening, language: str, label: str
) -> None:
    screener.language = language
    screener.save()
    indicator = ilo.indicator_list("adult_labour").indicators[0]

    response = logged_in(screener).get(reverse("screening:detail", args=[screening.reference]))

    assert getattr(indicator.label, label) in response.content.decode()


@pytest.mark.parametrize("code", ["adult_sexual", "child_sexual"])
def test_provisional_lists_say_so(screener: User, code: str) -> None:
    screening = start_screening(screener, code)

    response = logged_in(screener).get(reverse("screening:detail", args=[screening.reference]))

    assert "This list is provisional" in response.content.decode()


def test_lists_from_a_secondary_source_say_so_but_are_not_provisional(
    screener: User, screening: Screening
) -> None:
    assert ilo.indicator_list(screening.indicator_list).verification == "secondary_source"

    page = logged_in(screener).get(reverse("screening:detail", args=[screening.reference]))

    assert "This list is provisional" not in page.content.decode()
    assert "secondary reproduction" in page.content.decode()


@pytest.mark.parametrize(
    ("answers", "outcome", "shown"),
    [
        ({**DECEPTIVE, **EXPLOITATION, **COERCION}, "presumed_victim", "Presumed victim — refer"),
        (EXPLOITATION, "further_assessment", "Indicators present — further assessment"),
        ({"exploitation.bad_living_conditions": "observed"}, "not_indicated", "Not indicated"),
    ],
)
def test_finishing_scores_the_screening_and_shows_why(
    screener: User, screening: Screening, answers: dict[str, str], outcome: str, shown: str
) -> None:
    client = logged_in(screener)

    response = client.post(reverse("screening:finish", args=[screening.reference]), answers)

    assert response.status_code == 302
    screening.refresh_from_db()
    assert (screening.status, screening.outcome) == ("completed", outcome)
    assert screening.completed_at is not None
    assert screening.answers == answers
    assert AuditEntry.objects.get(action="complete").changes == {"outcome": outcome}
    page = client.get(response["Location"]).content.decode()
    assert shown in page
    assert "Bad living conditions" in page  # observed in every case, so named in the why


def test_the_result_names_the_present_dimensions_and_their_indicators(
    screener: User, screening: Screening
) -> None:
    record_answers(screening, {**DECEPTIVE, **EXPLOITATION, **COERCION}, screener)
    finish_screening(screening, screener)

    response = logged_in(screener).get(reverse("screening:detail", args=[screening.reference]))

    findings = {f["label"]: f for f in response.context["result"]["findings"]}
    indicators = ilo.indicator_list("adult_labour")
    exploitation = findings[indicators.dimension("exploitation").label.en]
    assert exploitation["present"]
    assert [(i["label"], i["strength"]) for i in exploitation["observed"]] == [
        ("Excessive working days or hours", "strong"),
        ("Bad living conditions", "medium"),
    ]
    assert not findings[indicators.dimension("abusive_recruitment").label.en]["present"]
    page = response.content.decode()
    assert reverse("screening:open_case", args=[screening.reference]) in page


def test_a_screening_that_indicates_nothing_offers_no_case(
    screener: User, screening: Screening
) -> None:
    """A presumed victim and a "further assessment" both lead to a case (issue 13); nothing
    indicated leads to none."""
    finish_screening(screening, screener)
    assert screening.outcome == "not_indicated"

    response = logged_in(screener).get(reverse("screening:detail", args=[screening.reference]))

    assert reverse("screening:open_case", args=[screening.reference]) not in (
        response.content.decode()
    )


def test_finishing_twice_keeps_the_first_result(screener: User, screening: Screening) -> None:
    record_answers(screening, EXPLOITATION, screener)
    finish_screening(screening, screener)

    logged_in(screener).post(reverse("screening:finish", args=[screening.reference]), COERCION)

    screening.refresh_from_db()
    assert screening.outcome == "further_assessment"
    assert AuditEntry.objects.filter(action="complete").count() == 1


PAGES = [
    ("get", "screening:detail"),
    ("post", "screening:answer"),
    ("post", "screening:finish"),
    ("get", "screening:open_case"),
    ("post", "screening:open_case"),
]


@pytest.mark.parametrize(("method", "name"), PAGES)
@pytest.mark.parametrize(
    ("username", "agency_code", "roles"),
    [
        ("colleague", "police", ("screener",)),  # another screener at the same agency
        ("outsider", "labour", ("screener",)),
        ("caseworker", "police", ("case_worker",)),
    ],
)
def test_only_the_screener_who_made_it_sees_a_screening(
    make_user: Callable[..., User],
    screening: Screening,
    method: str,
    name: str,
    username: str,
    agency_code: str,
    roles: tuple[str, ...],
) -> None:
    other = make_user(username, agency_code, *roles)
    url = reverse(name, args=[screening.reference])

    response = getattr(logged_in(other), method)(url, DECEPTIVE if method == "post" else None)

    assert response.status_code == 404
    screening.refresh_from_db()
    assert (screening.answers, screening.status) == ({}, "draft")


@pytest.mark.parametrize(("method", "name"), PAGES[:3])
def test_the_owner_reaches_every_page(
    screener: User, screening: Screening, method: str, name: str
) -> None:
    url = reverse(name, args=[screening.reference])

    response = getattr(logged_in(screener), method)(url, DECEPTIVE if method == "post" else None)

    assert response.status_code in {200, 302}


def test_non_screeners_cannot_screen(make_user: Callable[..., User]) -> None:
    client = logged_in(make_user("worker", "welfare", "case_worker"))

    assert client.get(reverse("screening:list")).status_code == 403
    assert client.get(reverse("screening:new")).status_code == 403
    response = client.post(reverse("screening:new"), {"indicator_list": "adult_labour"})
    assert response.status_code == 403
    assert not Screening.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(screening: Screening) -> None:
    response = Client().get(reverse("screening:detail", args=[screening.reference]))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_csrf_is_enforced(screener: User, screening: Screening) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(screener)

    started = client.post(reverse("screening:new"), {"indicator_list": "adult_labour"})
    answered = client.post(reverse("screening:answer", args=[screening.reference]), DECEPTIVE)
    finished = client.post(reverse("screening:finish", args=[screening.reference]))

    assert (started.status_code, answered.status_code, finished.status_code) == (403, 403, 403)
    screening.refresh_from_db()
    assert (Screening.objects.count(), screening.answers) == (1, {})
