"""Search by part of a name or another spelling of it, through the name-token blind index, ranked
by how many tokens match; an empty result says so."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.registry.models import Person, VictimCase

SEARCH = "registry:search"


def case_for(worker: User, given: str, family: str, **facts: Any) -> VictimCase:
    person = Person.objects.create(
        given_name=given, family_name=family, recorded_by_agency=worker.agency, **facts
    )
    return VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)


def found(client: Client, name: str) -> list[str]:
    page = client.post(reverse(SEARCH), {"name": name}).context["page"]
    return [case.reference for case in page.object_list]


def test_part_of_a_name_finds_the_person(client: Client, worker: User) -> None:
    lan = case_for(worker, "Thi Lan", "Nguyen", nationality="VN")
    case_for(worker, "Maria", "Santos")
    client.force_login(worker)

    assert found(client, "Nguyen") == [lan.reference]
    assert found(client, "lan") == [lan.reference]


def test_another_order_and_no_accents_find_the_person(client: Client, worker: User) -> None:
    vu = case_for(worker, "Vũ", "Phạm", birth_year=1990, nationality="VN")
    client.force_login(worker)

    assert found(client, "Pham Vu") == [vu.reference]


def test_more_matching_tokens_rank_first(client: Client, worker: User) -> None:
    other_lan = case_for(worker, "Lan", "Tran")
    lan = case_for(worker, "Thi Lan", "Nguyen")
    client.force_login(worker)

    assert found(client, "Nguyen Lan") == [lan.reference, other_lan.reference]
    assert found(client, "Lan Tran") == [other_lan.reference, lan.reference]


def test_an_empty_result_says_so(client: Client, worker: User) -> None:
    case_for(worker, "Thi Lan", "Nguyen")
    client.force_login(worker)

    response = client.post(reverse(SEARCH), {"name": "Okonkwo"})

    page = response.content.decode()
    assert 'id="no-results"' in page
    assert "No case you may see matches this search" in page


def test_another_agencys_person_is_not_found(
    client: Client, worker: User, make_user: Callable[..., User]
) -> None:
    outsider = make_user("outsider", "shelter-ngo", "case_worker")
    case_for(outsider, "Thi Lan", "Nguyen")
    client.force_login(worker)

    assert found(client, "Nguyen") == []
