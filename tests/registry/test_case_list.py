"""The case list: references and stages of the cases the user may see, filtered, 25 a page."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.registry.models import Exploitation, Person, Stage, VictimCase
from tests.registry.conftest import NAME

LIST = "registry:case_list"


def references_on(response: Any) -> set[str]:
    return {case.reference for case in response.context["page"].object_list}


def another_case(owner: User, **fields: Any) -> VictimCase:
    person = Person.objects.create(given_name="Ana", recorded_by_agency=owner.agency)
    return VictimCase.objects.create(
        person=person, owning_agency=owner.agency, opened_by=owner, **fields
    )


@pytest.mark.parametrize(
    ("who", "sees"), [("owner", True), ("colleague", True), ("outsider", False)]
)
def test_the_list_holds_the_cases_the_user_may_see(
    client: Client, welfare_case: VictimCase, request: pytest.FixtureRequest, who: str, sees: bool
) -> None:
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(LIST))

    assert response.status_code == 200
    assert (welfare_case.reference in references_on(response)) is sees


def test_the_list_never_shows_names(client: Client, welfare_case: VictimCase, owner: User) -> None:
    client.force_login(owner)

    page = client.get(reverse(LIST)).content.decode()

    assert welfare_case.reference in page
    assert NAME[1] not in page


def test_filter_by_stage(client: Client, welfare_case: VictimCase, owner: User) -> None:
    closed = another_case(owner, stage=Stage.CLOSED)
    client.force_login(owner)

    response = client.get(reverse(LIST), {"stage": "closed"})

    assert references_on(response) == {closed.reference}


def test_filter_by_owning_agency(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(owner)

    mine = client.get(reverse(LIST), {"agency": owner.agency.pk})
    theirs = client.get(reverse(LIST), {"agency": agency("shelter-ngo").pk})

    assert references_on(mine) == {welfare_case.reference}
    assert references_on(theirs) == set()


def test_filter_by_year_opened(client: Client, welfare_case: VictimCase, owner: User) -> None:
    old = another_case(owner, opened_at=timezone.make_aware(datetime(2021, 5, 1)))
    client.force_login(owner)

    response = client.get(reverse(LIST), {"year": "2021"})

    assert references_on(response) == {old.reference}


def test_filter_by_form_of_exploitation(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    Exploitation.objects.create(case=welfare_case, forms=["labour", "other"])
    sexual = another_case(owner)
    Exploitation.objects.create(case=sexual, forms=["sexual"])
    client.force_login(owner)

    labour = client.get(reverse(LIST), {"form": "labour"})
    other = client.get(reverse(LIST), {"form": "sexual"})

    assert references_on(labour) == {welfare_case.reference}
    assert references_on(other) == {sexual.reference}


def test_the_list_is_paginated_by_25(client: Client, owner: User) -> None:
    start = timezone.now()
    for n in range(26):
        another_case(owner, opened_at=start - timedelta(days=n))
    client.force_login(owner)

    first = client.get(reverse(LIST))
    second = client.get(reverse(LIST), {"page": 2})

    assert len(references_on(first)) == 25
    assert len(references_on(second)) == 1
    assert b"page=2" in first.content


def test_a_screener_sees_only_the_cases_they_opened(
    client: Client, welfare_case: VictimCase, make_user: Callable[..., User], owner: User
) -> None:
    screener = make_user("screener", "welfare", "screener")
    theirs = another_case(owner)
    theirs.opened_by = screener
    theirs.save()
    client.force_login(screener)

    response = client.get(reverse(LIST))

    assert references_on(response) == {theirs.reference}
