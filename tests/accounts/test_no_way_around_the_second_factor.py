"""Every way in needs the one-time code: pages, the admin, the API and token minting."""

from collections.abc import Callable

import pytest
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.roles import Role

PASSWORD = "correct horse battery staple"


@pytest.fixture
def administrator(make_user: Callable[..., User]) -> User:
    user = make_user("admin", "secretariat", Role.ADMINISTRATOR, password=PASSWORD)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def refuses_everything(client: Client) -> None:
    assert client.get("/").status_code == 302
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/accounts/user/").status_code == 302
    assert client.get("/account/api-tokens/").status_code == 302
    assert client.post("/account/api-tokens/", {"name": "x", "days": 30}).status_code == 302
    assert client.get("/api/v1/audit/").status_code == 401


def test_the_admin_login_sends_to_the_two_step_login(administrator: User, client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/admin/accounts/user/")


def test_a_password_posted_to_the_admin_login_opens_nothing(
    administrator: User, client: Client
) -> None:
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/admin/"})

    refuses_everything(client)
    assert not administrator.api_tokens.exists()


def test_a_session_made_with_the_password_alone_is_not_honoured(
    administrator: User, client: Client
) -> None:
    # Any code path that calls authenticate() + login() with the password gets such a session.
    assert client.login(username="admin", password=PASSWORD)

    refuses_everything(client)


def test_the_admin_opens_after_both_steps(administrator: User, client: Client) -> None:
    client.force_login(administrator)  # as accounts.views does after the code step
    assert client.get("/admin/accounts/user/").status_code == 200
