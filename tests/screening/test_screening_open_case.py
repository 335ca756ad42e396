"""A presumed victim's screening opens the victim case, records consent and refers, in one step."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Consent, Person, Referral, VictimCase
from palermo.screening.models import Screening
from tests.screenings import PRESUMED_VICTIM, finished


@pytest.fixture
def screening(screener: User) -> Screening:
    return finished(screener, PRESUMED_VICTIM)


@pytest.fixture
def client(screener: User) -> Client:
    client = Client()
    client.force_login(screener)
    return client


def form_data(agency: Callable[[str], Agency], **changes: Any) -> dict[str, Any]:
    data = {
        "given_name": "Ana",
        "family_name": "Exemplo",
        "sex": "female",
        "birth_year": "1999",
        "estimated_age": "",
        "nationality": "ph",
        "consents": "on",
        "consent_form": "written",
        "refer_now": "on",
        "to_agency": agency("shelter-ngo").pk,
        "service": "shelter",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def open_case(client: Client, screening: Screening, data: dict[str, Any]) -> Any:
    return client.post(reverse("screening:open_case", args=[screening.reference]), data)


def test_the_form_offers_the_active_jurisdictions_other_agencies(
    client: Client, screening: Screening, screener: User
) -> None:
    response = client.get(reverse("screening:open_case", args=[screening.reference]))

    assert response.status_code == 200
    agencies = list(response.context["form"].fields["to_agency"].queryset)
    assert "shelter-ngo" in {a.code for a in agencies}
    assert screener.agency not in agencies
    assert "Ana" not in response.content.decode()


def test_one_step_opens_the_case_records_consent_and_refers(
    client: Client, screening: Screening, screener: User, agency: Callable[[str], Agency]
) -> None:
    response = open_case(client, screening, form_data(agency))

    case = VictimCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.reference}/"
    person = Person.objects.get()
    assert (person.given_name, person.family_name) == ("Ana", "Exemplo")
    assert (person.sex, person.birth_year, person.nationality) == ("female", 1999, "PH")
    assert person.recorded_by_agency == screener.agency
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name FROM registry_person WHERE id = %s", [person.pk])
        assert "Ana" not in str(cursor.fetchone()[0])  # encrypted at rest
    assert (case.person, case.owning_agency, case.opened_by) == (person, screener.agency, screener)
    assert case.stage == "presumed_victim"
    moves = list(case.transitions.values_list("from_stage", "to_stage", "reason"))
    assert [(a, b) for a, b, _reason in moves] == [
        ("referred", "screening"),
        ("screening", "presumed_victim"),
    ]
    assert all(screening.reference in reason for _a, _b, reason in moves)
    assert case.reflection_period_start is not None
    screening.refresh_from_db()
    assert (screening.person, screening.victim_case) == (person, case)
    consent = Consent.objects.get(case=case)
    assert (consent.form, consent.recorded_by, consent.is_active()) == ("written", screener, True)
    referral = Referral.objects.get(case=case)
    assert (referral.to_agency.code, referral.service, referral.status) == (
        "shelter-ngo",
        "shelter",
        "sent",
    )
    assert referral.consent == consent
    assert AuditEntry.objects.filter(action="refer", object_ref=case.reference).exists()


def test_the_screener_then_sees_the_case_and_the_screening_links_to_it(
    client: Client, screening: Screening, screener: User, agency: Callable[[str], Agency]
) -> None:
    from palermo.registry.access import victim_case_for

    open_case(client, screening, form_data(agency))

    case = VictimCase.objects.get()
    assert victim_case_for(screener, case.reference) == case
    page = client.get(reverse("screening:detail", args=[screening.reference])).content.decode()
    assert case.reference in page
    again = client.get(reverse("screening:open_case", args=[screening.reference]))
    assert again.status_code == 302
    assert again["Location"] == f"/cases/{case.reference}/"


def test_without_consent_the_referral_is_refused_and_nothing_is_written(
    client: Client, screening: Screening, agency: Callable[[str], Agency]
) -> None:
    response = open_case(client, screening, form_data(agency, consents=None))

    assert response.status_code == 200
    assert "consent" in " ".join(response.context["form"].errors["consents"])
    assert "Refer now" in response.content.decode()
    assert not Person.objects.exists()
    assert not VictimCase.objects.exists()


def test_without_referral_the_case_opens_alone(
    client: Client, screening: Screening, agency: Callable[[str], Agency]
) -> None:
    data = form_data(agency, consents=None, consent_form="", refer_now=None, to_agency="")

    response = open_case(client, screening, data)

    assert response.status_code == 302
    case = VictimCase.objects.get()
    assert case.stage == "presumed_victim"
    assert not Consent.objects.exists()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nationality": "XX"}, "nationality"),
        ({"nationality": "PHL"}, "nationality"),
        ({"birth_year": "1850"}, "birth_year"),
        ({"estimated_age": "-1"}, "estimated_age"),
        ({"consent_form": ""}, "consent_form"),
        ({"to_agency": ""}, "to_agency"),
        ({"service": "spa"}, "service"),
    ],
)
def test_invalid_details_are_refused_with_a_reason(
    client: Client,
    screening: Screening,
    agency: Callable[[str], Agency],
    changes: dict[str, str],
    field: str,
) -> None:
    response = open_case(client, screening, form_data(agency, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not VictimCase.objects.exists()


def test_a_screening_that_is_not_a_presumed_victim_opens_no_case(
    client: Client, screener: User, agency: Callable[[str], Agency]
) -> None:
    screening = finished(screener, {"exploitation.bad_living_conditions": "observed"})

    response = open_case(client, screening, form_data(agency))

    assert response.status_code == 302
    assert response["Location"] == reverse("screening:detail", args=[screening.reference])
    assert not VictimCase.objects.exists()


def test_csrf_is_enforced(
    screener: User, screening: Screening, agency: Callable[[str], Agency]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(screener)

    response = open_case(client, screening, form_data(agency))

    assert response.status_code == 403
    assert not VictimCase.objects.exists()
