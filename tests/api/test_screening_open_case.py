"""Opening a victim case from a presumed victim's screening through the API: the page's form,
the page's one transaction, the page's refusals."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Consent, Person, Referral, VictimCase
from palermo.screening.models import Screening
from palermo.screening.services import record_answers, start_screening
from tests.api.program import Headers
from tests.screenings import PRESUMED_VICTIM, finished


@pytest.fixture
def screening(screener: User) -> Screening:
    return finished(screener, PRESUMED_VICTIM)


def details(agency: Callable[[str], Agency], **changes: Any) -> dict[str, Any]:
    return {
        "given_name": "Ana",
        "family_name": "Exemplo",
        "sex": "female",
        "birth_year": 1999,
        "nationality": "ph",
        "consents": True,
        "consent_form": "written",
        "to_agency": "shelter-ngo",
        "service": "shelter",
        **changes,
    }


def open_case(program: Client, screening: Screening, headers: dict[str, str], body: Any) -> Any:
    return program.post(
        reverse("api:screening_open_case", args=[screening.reference]),
        body,
        content_type="application/json",
        headers=headers,
    )


def problems(response: Any) -> dict[tuple[str, ...], str]:
    return {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}


def nothing_written() -> bool:
    return not (Person.objects.exists() or VictimCase.objects.exists() or Consent.objects.exists())


def test_one_step_opens_the_case_records_consent_and_refers(
    program: Client,
    screening: Screening,
    screener: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    response = open_case(program, screening, bearer(screener), details(agency))

    assert response.status_code == 201
    case = VictimCase.objects.get()
    body = response.json()
    assert (body["screening"], body["victim_case"]["reference"]) == (
        screening.reference,
        case.reference,
    )
    assert body["victim_case"]["stage"] == "presumed_victim"
    assert body["consent"] == "written"
    assert (body["referral"]["to_agency"], body["referral"]["service"]) == (
        "shelter-ngo",
        "shelter",
    )
    assert "Ana" not in response.content.decode()  # the person is named by reference only
    person = Person.objects.get()
    assert (person.given_name, person.nationality, person.birth_year) == ("Ana", "PH", 1999)
    assert (case.owning_agency, case.opened_by) == (screener.agency, screener)
    screening.refresh_from_db()
    assert (screening.person, screening.victim_case) == (person, case)
    assert Referral.objects.get().consent == Consent.objects.get()
    assert AuditEntry.objects.filter(action="open_case", object_ref=screening.reference).exists()
    assert AuditEntry.objects.filter(action="refer", object_ref=case.reference).exists()
    assert "Ana" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_without_a_referral_the_case_opens_alone(
    program: Client,
    screening: Screening,
    screener: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    body = details(agency, consents=False, consent_form="", refer_now=False, to_agency=None)

    response = open_case(program, screening, bearer(screener), body)

    assert response.status_code == 201
    assert (response.json()["consent"], response.json()["referral"]) == (None, None)
    assert VictimCase.objects.get().stage == "presumed_victim"
    assert not Referral.objects.exists()


def test_without_consent_there_is_no_referral_and_nothing_is_written(
    program: Client,
    screening: Screening,
    screener: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    response = open_case(program, screening, bearer(screener), details(agency, consents=False))

    assert response.status_code == 422
    assert "consent" in problems(response)[("body", "consents")]
    assert nothing_written()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nationality": "XX"}, "nationality"),
        ({"birth_year": 1850}, "birth_year"),
        ({"consent_form": ""}, "consent_form"),
        ({"to_agency": None}, "to_agency"),
        ({"service": "spa"}, "service"),
        ({"sex": "unknowable"}, "sex"),
    ],
)
def test_invalid_details_are_refused_by_field(
    program: Client,
    screening: Screening,
    screener: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
    changes: dict[str, Any],
    field: str,
) -> None:
    response = open_case(program, screening, bearer(screener), details(agency, **changes))

    assert response.status_code == 422
    assert ("body", field) in problems(response)
    assert nothing_written()


def test_a_referral_to_ones_own_agency_is_refused(
    program: Client,
    screening: Screening,
    screener: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    body = details(agency, to_agency=screener.agency.code)

    response = open_case(program, screening, bearer(screener), body)

    assert response.status_code == 422
    assert ("body", "to_agency") in problems(response)
    assert nothing_written()


def test_a_case_is_opened_once(
    program: Client,
    screening: Screening,
    screener: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    open_case(program, screening, bearer(screener), details(agency))

    again = open_case(program, screening, bearer(screener), details(agency))

    assert again.status_code == 409
    assert "already" in problems(again)[("body",)]
    assert VictimCase.objects.count() == 1


@pytest.mark.parametrize("draft", [True, False])
def test_only_a_finished_screening_of_a_presumed_victim_opens_a_case(
    program: Client, screener: User, agency: Callable[[str], Agency], bearer: Headers, draft: bool
) -> None:
    if draft:
        screening = start_screening(screener, "adult_labour")
        record_answers(screening, PRESUMED_VICTIM, screener)
    else:
        screening = finished(screener, {"exploitation.bad_living_conditions": "observed"})

    response = open_case(program, screening, bearer(screener), details(agency))

    assert response.status_code == 409
    assert "presumed victim" in problems(response)[("body",)]
    assert nothing_written()


@pytest.mark.parametrize(
    ("username", "agency_code", "roles"),
    [
        ("colleague", "police", ("screener",)),
        ("outsider", "labour", ("screener",)),
        ("caseworker", "police", ("case_worker",)),
    ],
)
def test_only_the_screener_who_made_it_opens_a_case(
    program: Client,
    screening: Screening,
    make_user: Callable[..., User],
    agency: Callable[[str], Agency],
    bearer: Headers,
    username: str,
    agency_code: str,
    roles: tuple[str, ...],
) -> None:
    other = make_user(username, agency_code, *roles)

    response = open_case(program, screening, bearer(other), details(agency))

    assert response.status_code == 404
    assert nothing_written()
