"""Calling the API as a program would: a fresh bearer token for any user of the cast."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from palermo.accounts.models import User
from palermo.api.models import ApiToken

# What the `bearer` fixture (tests/api/conftest.py) gives: headers with a fresh token for a user.
Headers = Callable[[User], dict[str, str]]


def as_program(user: User) -> dict[str, str]:
    _, token = ApiToken.issue(user, "test program", days=30)
    return {"Authorization": f"Bearer {token}"}


def post(user: User, url: str, **body: Any) -> Any:
    """POST a JSON body with a fresh bearer token for the user, as a script would."""
    return Client(enforce_csrf_checks=True).post(
        url, body, content_type="application/json", headers=as_program(user)
    )


def get(user: User, url: str, **query: Any) -> Any:
    return Client().get(url, query, headers=as_program(user))


def problems(response: Any) -> dict[tuple[str, ...], str]:
    """A 422's problems by where they are: {("body", "field"): message}."""
    assert response.status_code == 422, response.content
    return {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
