"""Fixtures for the victim case pages: one welfare case of the cast's owner (tests/cast.py has
the owner, a colleague and an outsider)."""

from collections.abc import Callable

import pytest

from palermo.accounts.models import User
from palermo.registry.models import Consent, Person, VictimCase
from palermo.registry.models.referral import ReferralStatus
from tests.cast import refer

NAME = ("Mei", "Chanwright")
PASSPORT = "K7654321"


@pytest.fixture
def welfare_case(owner: User) -> VictimCase:
    person = Person.objects.create(
        given_name=NAME[0],
        family_name=NAME[1],
        date_of_birth="1999-04",
        document_numbers=[{"kind": "passport", "number": PASSPORT}],
        recorded_by_agency=owner.agency,
    )
    return VictimCase.objects.create(person=person, owning_agency=owner.agency, opened_by=owner)


@pytest.fixture
def consented_case(welfare_case: VictimCase, owner: User) -> VictimCase:
    Consent.objects.create(case=welfare_case, recorded_by=owner, form="written")
    return welfare_case


@pytest.fixture
def receiving_worker(make_user: Callable[..., User], welfare_case: VictimCase, owner: User) -> User:
    """A case worker at an agency the case was referred to (and that accepted): reads, no edit."""
    worker = make_user("receiver", "shelter-ngo", "case_worker")
    assert worker.agency is not None
    refer(welfare_case, worker.agency, ReferralStatus.ACCEPTED)
    return worker
