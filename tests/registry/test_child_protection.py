"""Child-specific fields: a guardian and a best-interests assessment (encrypted), shown and
editable only when the person is a child, by the owning agency, audited by field name."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import ChildProtection, Person, VictimCase

ASSESSMENT = "Wishes to stay with her aunt; school place found nearby."


def make_child(case: VictimCase, age: int = 15) -> None:
    Person.objects.filter(pk=case.person_id).update(birth_year=timezone.localdate().year - age)


def edit_url(case: VictimCase) -> str:
    return reverse("registry:child_protection_edit", args=[case.reference])


def api_url(case: VictimCase) -> str:
    return reverse("api:child_protection", args=[case.reference])


FORM = {
    "guardian_kind": "relative",
    "guardian_name": "Aunt Mei-ling",
    "guardian_contact": "+853 6000 0000",
    "best_interests_assessment": ASSESSMENT,
    "assessed_on": "2026-01-05",
}


def test_the_section_shows_for_a_child_only(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)
    detail = reverse("registry:case_detail", args=[welfare_case.reference])
    Person.objects.filter(pk=welfare_case.person_id).update(birth_year=1990)

    adult = client.get(detail).content.decode()
    make_child(welfare_case)
    child = client.get(detail).content.decode()

    assert 'id="child-protection"' not in adult
    assert client.get(edit_url(welfare_case)).status_code == 200
    assert 'id="child-protection"' in child
    assert edit_url(welfare_case) in child


def test_an_adult_has_no_child_protection_page(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    Person.objects.filter(pk=welfare_case.person_id).update(birth_year=1990)
    client.force_login(owner)
    assert client.get(edit_url(welfare_case)).status_code == 404
    assert client.get(api_url(welfare_case)).status_code == 404


def test_the_owner_records_the_guardian_and_the_assessment_encrypted(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    make_child(welfare_case)
    client.force_login(owner)

    response = client.post(edit_url(welfare_case), FORM)

    assert response.status_code == 302
    record = ChildProtection.objects.get(case=welfare_case)
    assert (record.guardian_kind, record.best_interests_assessment) == ("relative", ASSESSMENT)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT guardian_name, best_interests_assessment FROM registry_childprotection"
        )
        stored = " ".join(cursor.fetchone())
    assert "Mei-ling" not in stored
    assert "aunt" not in stored
    entry = AuditEntry.objects.get(action="child_protection_recorded")
    assert "guardian_name" in entry.changes["fields"]
    assert "Mei-ling" not in str(entry.changes)
    page = client.get(response["Location"]).content.decode()
    assert ASSESSMENT in page
    assert "other relative: Aunt Mei-ling" in page


def test_a_future_assessment_date_is_refused(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    make_child(welfare_case)
    client.force_login(owner)
    response = client.post(edit_url(welfare_case), FORM | {"assessed_on": "2999-01-01"})
    assert response.status_code == 400
    assert not ChildProtection.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("colleague", 200), ("receiving_worker", 403), ("outsider", 404)]
)
def test_only_the_owning_agency_edits(
    client: Client,
    welfare_case: VictimCase,
    request: pytest.FixtureRequest,
    who: str,
    status: int,
) -> None:
    make_child(welfare_case)
    client.force_login(request.getfixturevalue(who))
    assert client.get(edit_url(welfare_case)).status_code == status
    put = client.put(api_url(welfare_case), FORM, content_type="application/json")
    assert put.status_code == status


def test_the_receiving_agency_reads_it_through_the_api(
    client: Client, welfare_case: VictimCase, owner: User, receiving_worker: User
) -> None:
    make_child(welfare_case)
    client.force_login(owner)
    assert (
        client.put(api_url(welfare_case), FORM, content_type="application/json").status_code == 200
    )
    client.force_login(receiving_worker)

    response = client.get(api_url(welfare_case))

    assert response.status_code == 200
    assert response.json()["guardian_kind"] == "relative"
    assert response.json()["assessed_on"] == "2026-01-05"


def test_the_api_refuses_an_unknown_guardian_kind(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    make_child(welfare_case)
    client.force_login(owner)
    response = client.put(
        api_url(welfare_case), FORM | {"guardian_kind": "uncle"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "guardian_kind" in response.content.decode()
