"""Services and consent recorded from the case file; service notes are encrypted at rest."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.registry.models import Consent, Service, VictimCase


def add_service(client: Client, case: VictimCase, **fields: Any) -> Any:
    data = {f"service-{k}": v for k, v in fields.items()}
    return client.post(reverse("registry:service_add", args=[case.reference]), data)


def test_a_service_is_recorded_with_notes_encrypted(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(owner)

    response = add_service(
        client,
        welfare_case,
        kind="shelter",
        provider=agency("shelter-ngo").pk,
        started_on="2026-01-05",
        notes="Room 12, afraid of the recruiter.",
    )

    assert response.status_code == 302
    service = Service.objects.get(case=welfare_case)
    assert (service.kind, service.started_on) == ("shelter", datetime.date(2026, 1, 5))
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM registry_service")
        assert "Room 12" not in cursor.fetchone()[0]
    page = client.get(response["Location"]).content.decode()
    assert "Room 12, afraid of the recruiter." in page


def test_a_service_ending_before_it_starts_is_refused(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(owner)

    response = add_service(
        client,
        welfare_case,
        kind="medical",
        provider=agency("health").pk,
        started_on="2026-01-05",
        ended_on="2026-01-01",
    )

    assert response.status_code == 400
    assert "cannot end before it started" in response.content.decode()
    assert not Service.objects.exists()


def test_outsiders_cannot_add_services(
    client: Client, welfare_case: VictimCase, outsider: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(outsider)

    response = add_service(client, welfare_case, kind="shelter", provider=agency("health").pk)

    assert response.status_code == 404
    assert not Service.objects.exists()


def test_consent_is_recorded(client: Client, welfare_case: VictimCase, owner: User) -> None:
    client.force_login(owner)

    response = client.post(
        reverse("registry:consent_record", args=[welfare_case.reference]),
        {"consent-given_on": "2026-01-04", "consent-form": "oral", "consent-covers_referral": "on"},
    )

    assert response.status_code == 302
    consent = Consent.objects.get(case=welfare_case)
    assert (consent.form, consent.recorded_by, consent.is_active()) == ("oral", owner, True)


def test_consent_in_the_future_is_refused(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        reverse("registry:consent_record", args=[welfare_case.reference]),
        {"consent-given_on": tomorrow.isoformat(), "consent-form": "oral"},
    )

    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_the_consent_form_is_a_fieldset_with_a_legend(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    page = client.get(reverse("registry:case_detail", args=[welfare_case.reference])).content

    assert b'<legend>How the consent was given <span aria-hidden="true">*</span></legend>' in page


@pytest.mark.parametrize(("who", "status"), [("colleague", 302), ("outsider", 404)])
def test_consent_is_withdrawn_by_the_owning_agency(
    client: Client,
    consented_case: VictimCase,
    request: pytest.FixtureRequest,
    who: str,
    status: int,
) -> None:
    consent = Consent.objects.get(case=consented_case)
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("registry:consent_withdraw", args=[consented_case.reference, consent.pk]),
        {
            f"withdraw-{consent.pk}-reason": "Changed their mind",
            f"withdraw-{consent.pk}-confirm": "on",
        },
    )

    assert response.status_code == status
    consent.refresh_from_db()
    assert (consent.withdrawn_on is not None) is (status == 302)
