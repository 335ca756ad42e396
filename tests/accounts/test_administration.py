"""Administrators configure users, agencies and the pack; they never see victims' data there."""

from collections.abc import Callable

import pytest
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.registry.models import Person


@pytest.fixture
def administrator(make_user: Callable[..., User]) -> User:
    user = make_user("admin", "secretariat", Role.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_administrators_manage_users_and_agencies(administrator: User, client: Client) -> None:
    client.force_login(administrator)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/accounts/agency/").status_code == 200
    assert client.get("/admin/jurisdiction/jurisdiction/").status_code == 200


def test_no_personal_record_is_exposed_in_the_admin(
    administrator: User, client: Client, make_user: Callable[..., User]
) -> None:
    agency = make_user("worker", "welfare", Role.CASE_WORKER).agency
    Person.objects.create(given_name="Zebulon", family_name="Quixote", recorded_by_agency=agency)
    client.force_login(administrator)

    index = client.get("/admin/").content.decode()

    assert "registry" not in index.lower()
    assert client.get("/admin/registry/person/").status_code == 404
    assert "Zebulon" not in index


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_other_roles_are_kept_out_of_the_admin(
    role: str, make_user: Callable[..., User], client: Client
) -> None:
    client.force_login(make_user("someone", "police", role))
    assert client.get("/admin/accounts/user/").status_code == 302


def test_resetting_the_second_factor(
    administrator: User, client: Client, make_user: Callable[..., User]
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    worker.totp_secret, worker.totp_confirmed = "JBSWY3DPEHPK3PXP", True
    worker.save()
    client.force_login(administrator)

    client.post(
        "/admin/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [worker.pk]},
    )

    worker.refresh_from_db()
    assert worker.totp_secret != "JBSWY3DPEHPK3PXP"
    assert not worker.totp_confirmed
    assert worker.enrolment_digest  # a one-time link was issued for the person
