"""The duplicate warning when a case opens from a screening: likely matches found through the
blind index, shown as far as the user may see them; link to one, or confirm a new person."""

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.privacy import fields
from palermo.registry.models import NewPersonConfirmation, Person, PersonSearchKey, VictimCase
from palermo.screening.models import Screening
from tests.registry.duplicates_world import (
    lan_on_record,
    presumed_victim_screening,
    vu_elsewhere,
)


@pytest.fixture
def client(screener: User) -> Client:
    client = Client()
    client.force_login(screener)
    return client


def entered_again(**changes: Any) -> dict[str, Any]:
    data = {
        "given_name": "Nguyen",
        "family_name": "Thi Lan",
        "sex": "female",
        "estimated_age": "24",
        "nationality": "VN",
        "refer_now": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def open_case(client: Client, screening: Screening, data: dict[str, Any]) -> Any:
    return client.post(reverse("screening:open_case", args=[screening.reference]), data)


def test_entering_a_known_person_again_warns_and_writes_nothing(
    client: Client, screener: User
) -> None:
    known = lan_on_record(screener)
    screening = presumed_victim_screening(screener)

    response = open_case(client, screening, entered_again())

    assert response.status_code == 200
    page = response.content.decode()
    assert "This person may already be on record" in page
    assert known.person.reference in page
    assert "Thi Lan Nguyen" in page
    assert reverse("registry:case_detail", args=[known.reference]) in page
    assert Person.objects.count() == 1
    assert VictimCase.objects.count() == 1
    check = AuditEntry.objects.get(action="duplicate_check")
    assert check.changes["likely"] == 1
    assert "Lan" not in str(check.changes)


def test_linking_opens_the_case_for_the_existing_person(client: Client, screener: User) -> None:
    known = lan_on_record(screener)
    screening = presumed_victim_screening(screener)

    response = open_case(client, screening, entered_again(existing_person=known.person.reference))

    assert response.status_code == 302
    assert Person.objects.count() == 1
    new_case = VictimCase.objects.exclude(pk=known.pk).get()
    assert new_case.person == known.person
    assert AuditEntry.objects.filter(
        action="link_existing_person", object_ref=known.person.reference
    ).exists()


def test_confirming_a_new_person_needs_a_reason_kept_encrypted_and_audited(
    client: Client, screener: User
) -> None:
    known = lan_on_record(screener)
    screening = presumed_victim_screening(screener)

    too_short = open_case(
        client, screening, entered_again(existing_person="new", new_person_reason="no")
    )
    assert "at least" in too_short.content.decode()
    # The matches the reason answers stay on the page beside the error.
    assert known.person.reference in too_short.content.decode()
    assert Person.objects.count() == 1
    reason = "Different mother's name; she says she never met the police before."
    response = open_case(
        client, screening, entered_again(existing_person="new", new_person_reason=reason)
    )

    assert response.status_code == 302
    person = Person.objects.exclude(pk=known.person.pk).get()
    confirmation = NewPersonConfirmation.objects.get(person=person)
    assert (confirmation.reason, confirmation.set_aside) == (reason, [known.person.reference])
    entry = AuditEntry.objects.get(action="confirm_new_person")
    assert entry.changes["reason_of"] == confirmation.audit_ref
    assert "mother" not in str(entry.changes)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM registry_newpersonconfirmation")
        assert "mother" not in cursor.fetchone()[0]


def test_another_agencys_match_shows_only_whom_to_ask(
    client: Client, screener: User, make_user: Callable[..., User]
) -> None:
    elsewhere = vu_elsewhere(make_user)
    screening = presumed_victim_screening(screener)

    response = open_case(
        client,
        screening,
        entered_again(given_name="Pham", family_name="Vu", sex="male", estimated_age=None)
        | {"birth_year": "1990"},
    )

    page = response.content.decode()
    assert "A possible match exists at Shelter NGO" in page
    assert elsewhere.person.reference not in page
    assert elsewhere.reference not in page
    assert "Phạm" not in page
    assert "1990" not in page.split("likely-matches")[1].split("</section>")[0]
    # Nor can they link to it by guessing the reference.
    linked = open_case(
        client,
        screening,
        entered_again(
            given_name="Pham", family_name="Vu", existing_person=elsewhere.person.reference
        ),
    )
    assert "yours to link to" in linked.content.decode()
    assert not VictimCase.objects.filter(person=elsewhere.person).exclude(pk=elsewhere.pk).exists()


def test_someone_else_opens_without_a_warning(client: Client, screener: User) -> None:
    lan_on_record(screener)
    screening = presumed_victim_screening(screener)

    response = open_case(
        client, screening, entered_again(given_name="Maria", family_name="Santos", nationality="PH")
    )

    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_candidates_are_found_without_decrypting_the_registry(
    screener: User, client: Client
) -> None:
    lan_on_record(screener)
    others = [
        Person(given_name=f"Person{i}", family_name=f"Other{i}", recorded_by_agency=screener.agency)
        for i in range(40)
    ]
    for person in others:
        person.save()
    screening = presumed_victim_screening(screener)
    real_decrypt = fields.cipher.decrypt
    with mock.patch.object(fields.cipher, "decrypt", side_effect=real_decrypt) as decrypt:
        open_case(client, screening, entered_again())

    # Lan's names and aliases, and the few fields of the screening page: never the 40 others.
    assert decrypt.call_count < 20


def test_the_backfill_command_writes_every_persons_token_keys(screener: User) -> None:
    known = lan_on_record(screener)
    PersonSearchKey.objects.filter(kind__in=["token", "sound"]).delete()

    call_command("refresh_person_keys", "--batch", "1")

    kinds = set(known.person.search_keys.values_list("kind", flat=True))
    assert {"name", "token", "sound"} <= kinds
    assert AuditEntry.objects.filter(action="refresh_search_keys").exists()


def test_a_common_name_still_finds_the_one_whose_facts_agree(screener: User) -> None:
    from palermo.registry.duplicates import CANDIDATE_LIMIT, likely_matches

    for _ in range(CANDIDATE_LIMIT + 5):  # namesakes, recorded first: older and of another sex
        Person.objects.create(
            given_name="Thi Lan",
            family_name="Nguyen",
            sex="male",
            birth_year=1970,
            nationality="VN",
            recorded_by_agency=screener.agency,
        )
    known = lan_on_record(screener)

    matches = likely_matches(
        screener,
        {"given_name": "Nguyen Thi Lan", "sex": "female", "estimated_age": 24, "nationality": "VN"},
    )

    assert [match.person for match in matches] == [known.person]


def test_pham_vu_is_recognised_as_vu_pham(client: Client, screener: User) -> None:
    from palermo.screening.services import open_case_from_screening
    from tests.registry.duplicates_world import VU

    known = open_case_from_screening(presumed_victim_screening(screener), screener, VU, None, None)
    screening = presumed_victim_screening(screener)

    response = open_case(
        client,
        screening,
        entered_again(given_name="Pham", family_name="Vu", sex="unknown", estimated_age=None)
        | {"birth_year": "1990"},
    )

    page = response.content.decode()
    assert "This person may already be on record" in page
    assert known.person.reference in page
    assert "Vũ Phạm" in page
