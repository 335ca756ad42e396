"""Who may open the committee edition: the statistics role only, whatever the agency."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.jurisdiction.models import Jurisdiction
from palermo.reporting.build import build_report
from palermo.reporting.periods import Period

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("agency", ["secretariat", "police", "shelter-ngo"])
@pytest.mark.parametrize("role", Role.values)
def test_only_the_statistics_role_opens_reports(
    role: str, agency: str, make_user: Callable[..., User]
) -> None:
    report = build_report(Period.of(2025), None)
    client = Client()
    client.force_login(make_user("someone", agency, role))

    pages = [
        reverse("reporting:overview"),
        reverse("reporting:report", args=[report.pk]),
        reverse("reporting:drill", args=[report.pk, "victims_presumed", "female", "adult"]),
    ]

    expected = 200 if role == Role.ANALYST else 403
    assert [client.get(page).status_code for page in pages[1:]] == [expected, expected]
    assert client.get(pages[0]).status_code in ({200, 302} if role == Role.ANALYST else {403})


def test_anonymous_visitors_are_sent_to_log_in(jurisdiction: Jurisdiction) -> None:
    report = build_report(Period.of(2025), None)
    response = Client().get(reverse("reporting:report", args=[report.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]
