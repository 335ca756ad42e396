"""Search: by reference (GET), by exact name or document number (POST, through the blind index),
with filters; only ever among the cases the user may see."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Person, Stage, VictimCase
from tests.registry.conftest import NAME, PASSPORT

SEARCH = "registry:search"


def found(response: Any) -> set[str]:
    page = response.context["page"]
    return {case.reference for case in page.object_list} if page else set()


def test_the_search_page_posts_its_form(client: Client, owner: User) -> None:
    client.force_login(owner)

    page = client.get(reverse(SEARCH)).content.decode()

    assert 'method="post"' in page
    assert 'name="name"' in page


def test_search_by_reference(client: Client, welfare_case: VictimCase, owner: User) -> None:
    client.force_login(owner)

    response = client.get(reverse(SEARCH), {"reference": welfare_case.reference.lower()})

    assert found(response) == {welfare_case.reference}


def test_search_by_exact_name_through_the_blind_index(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = client.post(reverse(SEARCH), {"name": f"{NAME[0].upper()}  {NAME[1]}"})

    assert found(response) == {welfare_case.reference}
    assert NAME[1] not in response.request["PATH_INFO"]
    assert NAME[1] not in response.request.get("QUERY_STRING", "")
    results = response.content.decode().split('id="results-heading"')[1]
    assert NAME[1] not in results  # references and stages only


def test_search_by_document_number(client: Client, welfare_case: VictimCase, owner: User) -> None:
    client.force_login(owner)

    response = client.post(reverse(SEARCH), {"document_number": PASSPORT.lower()})

    assert found(response) == {welfare_case.reference}


def test_a_name_in_a_url_is_ignored(client: Client, welfare_case: VictimCase, owner: User) -> None:
    client.force_login(owner)

    response = client.get(reverse(SEARCH), {"name": "Nobody Atall"})

    assert response.context["page"] is None


def test_a_search_by_name_is_audited_without_the_name(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    client.post(reverse(SEARCH), {"name": " ".join(NAME)})

    entry = AuditEntry.objects.get(action="search")
    assert entry.changes == {"by": ["name"], "found": 1}
    assert NAME[1] not in str(entry.changes) + entry.reason + entry.object_ref


@pytest.mark.parametrize(
    "criteria",
    [
        {"name": " ".join(NAME)},
        {"document_number": PASSPORT},
        {"stage": "referred"},
    ],
)
def test_an_outsider_never_finds_another_agencys_case(
    client: Client, welfare_case: VictimCase, outsider: User, criteria: dict[str, str]
) -> None:
    client.force_login(outsider)

    response = client.post(reverse(SEARCH), criteria)

    assert found(response) == set()
    assert welfare_case.reference not in response.content.decode()


def test_an_outsider_searching_by_reference_finds_nothing(
    client: Client, welfare_case: VictimCase, outsider: User
) -> None:
    client.force_login(outsider)

    response = client.get(reverse(SEARCH), {"reference": welfare_case.reference})

    assert found(response) == set()


def test_filters_narrow_a_name_search(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    closed = VictimCase.objects.create(
        person=welfare_case.person, owning_agency=owner.agency, stage=Stage.CLOSED
    )
    client.force_login(owner)

    everything = client.post(reverse(SEARCH), {"name": " ".join(NAME)})
    only_closed = client.post(reverse(SEARCH), {"name": " ".join(NAME), "stage": "closed"})
    this_year = client.post(reverse(SEARCH), {"name": " ".join(NAME), "year": timezone.now().year})

    assert found(everything) == {welfare_case.reference, closed.reference}
    assert found(only_closed) == {closed.reference}
    assert found(this_year) == {welfare_case.reference, closed.reference}


def test_name_search_pages_by_posting_the_same_form(
    client: Client, owner: User, make_user: Callable[..., User]
) -> None:
    person = Person.objects.create(
        given_name="Hoa", family_name="Tran", recorded_by_agency=owner.agency
    )
    start = timezone.now()
    for n in range(27):
        VictimCase.objects.create(
            person=person, owning_agency=owner.agency, opened_at=start - timedelta(days=n)
        )
    client.force_login(owner)

    first = client.post(reverse(SEARCH), {"name": "Hoa Tran"})
    second = client.post(reverse(SEARCH), {"name": "Hoa Tran", "page": "2"})

    assert len(found(first)) == 25
    assert len(found(second)) == 2
    page = first.content.decode()
    assert 'form="search-form" name="page" value="2"' in page
    assert "Tran" not in page.split('id="results-heading"')[1].split("</section>")[0]


def test_an_empty_search_lists_nothing(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = client.post(reverse(SEARCH), {})

    assert response.context["page"] is None
