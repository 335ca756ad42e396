from collections.abc import Callable

import pytest
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.roles import Role


@pytest.fixture
def admin_user(make_user: Callable[..., User]) -> User:
    return make_user("chief", "secretariat", Role.ADMINISTRATOR)


@pytest.fixture
def admin_client(admin_user: User, client: Client) -> Client:
    client.force_login(admin_user)
    return client
