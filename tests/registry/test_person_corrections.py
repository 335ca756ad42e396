"""Correcting a person's details after the case is opened: the owning agency only, audited with
field names (never values), the previous values kept encrypted and shown in the case file."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Person, PersonCorrection, VictimCase
from tests.registry.conftest import NAME


def correct_url(case: VictimCase) -> str:
    return reverse("registry:person_correct", args=[case.reference])


def api_url(case: VictimCase) -> str:
    return reverse("api:person_correct", args=[case.reference])


@pytest.fixture
def screener(make_user: Callable[..., User]) -> User:
    return make_user("screener", "welfare", "screener")


def test_the_owner_corrects_the_name_and_nationality_and_the_history_keeps_the_old_values(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = client.post(
        correct_url(welfare_case),
        {
            "given_name": "Mai",
            "family_name": NAME[1],
            "date_of_birth": "1999-04",
            "sex": "female",
            "nationality": "Vietnam",
            "reason": "Spelling confirmed from the passport",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(pk=welfare_case.person_id)
    assert (person.given_name, person.nationality, person.sex) == ("Mai", "VN", "female")
    correction = PersonCorrection.objects.get(person=person)
    assert correction.fields == ["given_name", "sex", "nationality"]
    assert correction.previous == {"given_name": NAME[0], "sex": "unknown", "nationality": ""}
    assert Person.objects.with_exact_name(f"Mai {NAME[1]}").filter(pk=person.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "1 correction of these details" in page
    assert f"<dd>{NAME[0]}</dd>" in page  # the previous given name, in the history
    assert "Spelling confirmed from the passport" in page


def test_the_previous_values_and_the_reason_are_encrypted_at_rest(
    welfare_case: VictimCase, owner: User
) -> None:
    from palermo.registry.models.correction import correct_person

    correct_person(welfare_case, owner, {"given_name": "Mai"}, "Confirmed with the interpreter")

    with connection.cursor() as cursor:
        cursor.execute("SELECT previous, reason FROM registry_personcorrection")
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert NAME[0] not in stored
    assert "interpreter" not in stored


def test_the_audit_entry_names_the_fields_never_the_values(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    client.post(
        correct_url(welfare_case),
        {"given_name": "Mai", "family_name": NAME[1], "sex": "unknown", "reason": "Typo"},
    )

    entry = AuditEntry.objects.get(action="person_corrected")
    assert entry.object_ref == welfare_case.person.reference
    assert entry.changes["fields"] == ["given_name", "date_of_birth"]
    assert "Mai" not in str(entry.changes)
    assert NAME[0] not in str(entry.changes)


def test_a_correction_needs_a_reason_and_valid_values_and_stores_nothing_otherwise(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = client.post(
        correct_url(welfare_case),
        {"given_name": "Mai", "sex": "unknown", "nationality": "Atlantis", "date_of_birth": "99"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a country" in page
    assert "Write the date of birth as 1999" in page
    assert "This field is required." in page
    assert Person.objects.get(pk=welfare_case.person_id).given_name == NAME[0]
    assert not PersonCorrection.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("colleague", 200),
        ("receiving_worker", 403),
        ("outsider", 404),
        ("screener", 404),
    ],
)
def test_only_the_owning_agencys_case_workers_may_correct(
    client: Client,
    welfare_case: VictimCase,
    request: pytest.FixtureRequest,
    who: str,
    status: int,
) -> None:
    client.force_login(request.getfixturevalue(who))

    assert client.get(correct_url(welfare_case)).status_code == status
    posted = client.post(
        correct_url(welfare_case), {"given_name": "X", "sex": "unknown", "reason": "r"}
    )
    assert posted.status_code == (302 if status == 200 else status)


def test_the_case_file_offers_the_correction_to_the_owner_only(
    client: Client, welfare_case: VictimCase, owner: User, receiving_worker: User
) -> None:
    detail = reverse("registry:case_detail", args=[welfare_case.reference])
    client.force_login(owner)
    assert correct_url(welfare_case) in client.get(detail).content.decode()
    client.force_login(receiving_worker)
    assert correct_url(welfare_case) not in client.get(detail).content.decode()


def test_the_api_changes_only_the_fields_sent(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = client.patch(
        api_url(welfare_case),
        {"nationality": "xk", "reason": "Told us at the second interview"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["person"]["nationality"] == "XK"
    assert body["person"]["given_name"] == NAME[0]
    assert body["correction"]["fields"] == ["nationality"]


def test_the_api_refuses_a_bad_country_naming_the_field_and_other_agencies(
    client: Client, welfare_case: VictimCase, receiving_worker: User, owner: User
) -> None:
    client.force_login(owner)
    bad = client.patch(
        api_url(welfare_case), {"nationality": "ZZ", "reason": "x"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "nationality" in bad.content.decode()

    client.force_login(receiving_worker)
    refused = client.patch(
        api_url(welfare_case), {"given_name": "Y", "reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert not PersonCorrection.objects.exists()
