"""The API's duplicate warning: 409 with the likely matches (as far as the caller may see them)
unless the body names an existing person or confirms a new one with a reason."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.registry.models import NewPersonConfirmation, Person, VictimCase
from palermo.screening.models import Screening
from tests.api.program import Headers
from tests.registry.duplicates_world import lan_on_record, presumed_victim_screening, vu_elsewhere


def post(program: Client, screening: Screening, headers: dict[str, str], **body: Any) -> Any:
    return program.post(
        reverse("api:screening_open_case", args=[screening.reference]),
        {"refer_now": False, "nationality": "VN", **body},
        content_type="application/json",
        headers=headers,
    )


LAN_AGAIN = {"given_name": "Nguyen", "family_name": "Thi Lan", "sex": "female", "estimated_age": 24}


def test_a_likely_match_answers_409_with_what_the_caller_may_see(
    program: Client, screener: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    known = lan_on_record(screener)
    screening = presumed_victim_screening(screener)

    response = post(program, screening, bearer(screener), **LAN_AGAIN)

    assert response.status_code == 409
    (match,) = response.json()["possible_matches"]
    assert match["reference"] == known.person.reference
    assert match["name"] == "Thi Lan Nguyen"
    assert (match["age"], match["nationality"], match["case"]) == (24, "VN", known.reference)
    assert response.json()["detail"][0]["type"] == "possible_duplicates"
    assert Person.objects.count() == 1


def test_another_agencys_match_is_only_named_by_its_agency(
    program: Client, screener: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    elsewhere = vu_elsewhere(make_user)
    screening = presumed_victim_screening(screener)

    response = post(
        program, screening, bearer(screener), given_name="Pham", family_name="Vu", birth_year=1990
    )

    assert response.status_code == 409
    assert response.json()["possible_matches"] == [
        {"visible": False, "agency": "shelter-ngo", "agency_name": "Shelter NGO"}
    ]
    assert elsewhere.person.reference not in response.content.decode()


def test_confirming_a_new_person_with_a_reason_opens_the_case(
    program: Client, screener: User, bearer: Headers
) -> None:
    lan_on_record(screener)
    screening = presumed_victim_screening(screener)
    reason = "Another Lan: different village and date of arrival."

    response = post(
        program, screening, bearer(screener), **LAN_AGAIN, confirm_new_person={"reason": reason}
    )

    assert response.status_code == 201
    person = Person.objects.get(reference=response.json()["victim_case"]["person"])
    assert NewPersonConfirmation.objects.get(person=person).reason == reason


def test_naming_an_existing_person_opens_the_case_for_them(
    program: Client, screener: User, bearer: Headers
) -> None:
    known = lan_on_record(screener)
    screening = presumed_victim_screening(screener)

    response = post(
        program, screening, bearer(screener), **LAN_AGAIN, existing_person=known.person.reference
    )

    assert response.status_code == 201
    assert response.json()["victim_case"]["person"] == known.person.reference
    assert Person.objects.count() == 1


def test_an_existing_person_the_caller_may_not_see_is_refused(
    program: Client, screener: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    elsewhere = vu_elsewhere(make_user)
    screening = presumed_victim_screening(screener)

    response = post(
        program,
        screening,
        bearer(screener),
        given_name="Pham",
        family_name="Vu",
        existing_person=elsewhere.person.reference,
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "existing_person"]
    assert VictimCase.objects.filter(person=elsewhere.person).count() == 1


def test_search_finds_part_and_variant_names(
    program: Client, bearer: Headers, make_user: Callable[..., User], screener: User
) -> None:
    worker = make_user("worker", "police", "case_worker")
    lan = lan_on_record(screener)

    def search(name: str) -> list[str]:
        response = program.post(
            reverse("api:victim_case_search"),
            {"name": name},
            content_type="application/json",
            headers=bearer(worker),
        )
        assert response.status_code == 200
        return [item["reference"] for item in response.json()["results"]]

    assert search("Nguyen") == [lan.reference]
    assert search("nguyễn lan") == [lan.reference]
    assert search("Tran") == []
