"""A case of the cast's worker (tests/cast.py), and a way to call the API as a program would."""

import pytest
from django.test import Client

from palermo.accounts.models import User
from palermo.api.models import ApiToken
from palermo.registry.models import Consent, Person, VictimCase
from tests.api.program import Headers


@pytest.fixture
def case(worker: User) -> VictimCase:
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    found = VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)
    Consent.objects.create(case=found, recorded_by=worker, form="written")
    return found


@pytest.fixture
def bearer() -> Headers:
    """Headers with a fresh token for a user."""

    def headers(user: User) -> dict[str, str]:
        _, token = ApiToken.issue(user, "test program", days=30)
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def program() -> Client:
    """A client that holds no session and sends no CSRF token (as a script would)."""
    return Client(enforce_csrf_checks=True)
