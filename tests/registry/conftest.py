"""Fixtures for the victim case pages: one welfare case, its owner, a colleague and outsiders."""

from collections.abc import Callable
from typing import Any

import pytest

from palermo.registry.models import Consent, Person, VictimCase

NAME = ("Mei", "Chanwright")
PASSPORT = "K7654321"


@pytest.fixture
def owner(make_user: Callable[..., Any]) -> Any:
    return make_user("owner", "welfare", "case_worker")


@pytest.fixture
def colleague(make_user: Callable[..., Any]) -> Any:
    return make_user("colleague", "welfare", "case_worker")


@pytest.fixture
def outsider(make_user: Callable[..., Any]) -> Any:
    """A case worker at another agency, with no referral: the case does not exist for them."""
    return make_user("outsider", "shelter-ngo", "case_worker")


@pytest.fixture
def welfare_case(owner: Any) -> VictimCase:
    person = Person.objects.create(
        given_name=NAME[0],
        family_name=NAME[1],
        date_of_birth="1999-04",
        document_numbers=[{"kind": "passport", "number": PASSPORT}],
        recorded_by_agency=owner.agency,
    )
    return VictimCase.objects.create(person=person, owning_agency=owner.agency, opened_by=owner)


@pytest.fixture
def consented_case(welfare_case: VictimCase, owner: Any) -> VictimCase:
    Consent.objects.create(case=welfare_case, recorded_by=owner, form="written")
    return welfare_case
