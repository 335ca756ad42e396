"""Every API operation, fuzzed from its own OpenAPI description (Schemathesis), as two callers.

A case worker who is also a screener, with a case, a referral's worth of consent and a screening
(the strong role: most operations reach their model rules), and an analyst (the weak role: most
operations answer 403 or 404). For each, every operation gets a few generated requests, and each
answer must be no 5xx, with a status code, content type and body its description declares.

Size: EXAMPLES requests per operation and caller (about 60 operations x 2 callers x 5); about two
minutes on one core. The whole conversation goes through Django's WSGI handler in-process, inside
the test's database transaction, so nothing is left behind.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from palermo.accounts.models import User
from palermo.api.main import api
from palermo.api.models import ApiToken
from palermo.registry.models import Consent, Person, VictimCase

EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def from_an_address(environ: dict[str, Any], start_response: Any) -> Any:
    """Django's WSGI handler, with the client address a real server always gives it (Werkzeug's
    test client gives none, and the per-address rate limit needs one)."""
    environ.setdefault("REMOTE_ADDR", "192.0.2.10")
    return HANDLER(environ, start_response)


HANDLER = WSGIHandler()
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = from_an_address


@pytest.fixture
def callers(make_user: Callable[..., User], settings: Any) -> Iterator[dict[str, dict[str, str]]]:
    """A bearer token for the strong caller and one for the weak, with the rate limits lifted.

    As Django's test client does, the handler keeps the test's database connection open between
    requests (it would close it after each, losing the test's transaction on PostgreSQL)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    settings.PALERMO_RATES = {"api_address": "100000/m", "api_token": "100000/m"}
    strong = make_user("fuzz-worker", "welfare", "case_worker", "screener")
    weak = make_user("fuzz-analyst", "welfare", "analyst")
    person = Person.objects.create(given_name="Fuzz", recorded_by_agency=strong.agency)
    case = VictimCase.objects.create(person=person, owning_agency=strong.agency, opened_by=strong)
    Consent.objects.create(case=case, recorded_by=strong, form="written")
    yield {
        role: {"Authorization": f"Bearer {ApiToken.issue(user, 'fuzz', days=1)[1]}"}
        for role, user in (("strong", strong), ("weak", weak))
    }
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("role", ["strong", "weak"])
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_described(
    case: schemathesis.Case, role: str, callers: dict[str, dict[str, str]]
) -> None:
    case.call_and_validate(headers=callers[role], checks=CHECKS)
