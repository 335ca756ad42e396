"""The administration area answers administrators only: 404 for every other role (a page one may
not know exists), the login page for anonymous visitors; every state change needs a POST."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import Role
from palermo.api.models import ApiToken
from palermo.audit.models import AuditEntry

PAGES = [
    ("administration:people", False),
    ("administration:new_person", False),
    ("administration:person", True),
    ("administration:second_factor", True),
    ("administration:agencies", False),
    ("administration:agency", "agency"),
    ("administration:locks", False),
    ("administration:tokens", False),
    ("administration:revoke_token", "token"),
]
ACTIONS = [
    ("administration:new_person", False, {"username": "x", "password": "y"}),
    ("administration:person", True, {"roles": ["auditor"]}),
    ("administration:activation", True, {"active": "no"}),
    ("administration:second_factor", True, {"reason": "lost"}),
    ("administration:agency", "agency", {"name": "Renamed", "kind": "police"}),
    ("administration:clear_lock", "lock", {}),
    ("administration:revoke_token", "token", {"reason": "stop"}),
]


@pytest.fixture
def world(make_user: Callable[..., User]) -> dict[str, Any]:
    target = make_user("target", "welfare", Role.CASE_WORKER)
    target.locked_until = target.date_joined.replace(year=2999)
    target.save()
    token, _ = ApiToken.issue(target, "program", 10)
    return {
        "target": target,
        "agency": Agency.objects.get(code="police"),
        "token": token,
        "administrator": make_user("admin", "secretariat", Role.ADMINISTRATOR),
        "case_worker": make_user("worker", "welfare", Role.CASE_WORKER),
        "analyst": make_user("analyst", "secretariat", Role.ANALYST),
    }


def url_of(name: str, argument: object, world: dict[str, Any]) -> str:
    if argument is False:
        return reverse(name)
    if argument is True:
        return reverse(name, args=[world["target"].pk])
    if argument == "lock":
        return reverse(name, args=["account", world["target"].pk])
    return reverse(name, args=[world[str(argument)].pk])


@pytest.mark.parametrize(("name", "argument"), PAGES)
@pytest.mark.parametrize("who", ["administrator", "case_worker", "analyst", "anonymous"])
def test_pages(name: str, argument: object, who: str, world: dict[str, Any]) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login(world[who])

    response = client.get(url_of(name, argument, world))

    expected = {"administrator": 200, "anonymous": 302}.get(who, 404)
    assert response.status_code == expected


@pytest.mark.parametrize(("name", "argument", "data"), ACTIONS)
@pytest.mark.parametrize("who", ["administrator", "case_worker", "analyst", "anonymous"])
def test_actions(
    name: str, argument: object, data: dict[str, Any], who: str, world: dict[str, Any]
) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login(world[who])
    before = AuditEntry.objects.count()

    response = client.post(url_of(name, argument, world), data)

    if who == "administrator":
        assert response.status_code in {200, 302, 400}
        return
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert AuditEntry.objects.count() == before  # nothing happened, nothing recorded
    target = User.objects.get(pk=world["target"].pk)
    assert target.is_active
    assert target.locked_until is not None
    assert ApiToken.objects.get(pk=world["token"].pk).revoked_at is None


def test_state_changes_refuse_get(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["administrator"])
    for name, argument in [
        ("administration:activation", True),
        ("administration:clear_lock", "lock"),
    ]:
        assert client.get(url_of(name, argument, world)).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(world: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["administrator"])

    response = client.post(url_of("administration:activation", True, world), {"active": "no"})

    assert response.status_code == 403
    assert User.objects.get(pk=world["target"].pk).is_active


@pytest.mark.parametrize("who", ["administrator", "case_worker", "analyst"])
def test_only_administrators_see_the_administration_link(who: str, world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world[who])

    page = client.get(reverse("home")).content.decode()

    assert (f'href="{reverse("administration:people")}"' in page) == (who == "administrator")
