"""A retry sent while the first sending is still running: one write, one answer for both."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.api.models import ApiToken
from palermo.registry.models import Consent, Person, VictimCase
from tests.concurrency.racing import at_once, on_postgres

pytestmark = on_postgres


def test_two_sendings_with_one_key_at_the_same_moment_write_once(
    make_user: Callable[..., User],
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    _, token = ApiToken.issue(worker, "retrying program", days=1)
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency)
    url = reverse("api:consent_record", args=[case.reference])
    for round_ in range(5):
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": f"k{round_}"}

        def send(headers: dict[str, str] = headers) -> Any:
            return Client().post(
                url, {"form": "oral"}, content_type="application/json", headers=headers
            )

        responses = at_once(send, send)

        assert [r.status_code for r in responses] == [201, 201], [r.content for r in responses]
        assert responses[0].json() == responses[1].json()
        assert Consent.objects.filter(case=case).count() == round_ + 1
