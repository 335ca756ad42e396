"""Shared fixtures: a throwaway keyring, a small jurisdiction, and users by role and agency."""

import base64
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from palermo.privacy.keys import forget_keyring
from palermo.workdir import new_keyring_json

pytest_plugins = ["tests.browser.fixtures", "tests.template_variables"]


@pytest.fixture(autouse=True, scope="session")
def throwaway_keyring() -> Iterator[None]:
    """Tests never touch a real key: each session encrypts under a fresh random keyring."""
    settings.PALERMO_DATA_KEYS = new_keyring_json()
    settings.PALERMO_AUDIT_KEY = base64.b64encode(secrets.token_bytes(32)).decode()
    forget_keyring()
    yield
    forget_keyring()


@pytest.fixture(autouse=True)
def checkpoints_in_a_temporary_folder(settings: Any, tmp_path: Path) -> Path:
    """Signed audit checkpoints go to the test's own folder, never to ./var."""
    settings.PALERMO_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    return Path(settings.PALERMO_AUDIT_CHECKPOINT_FILE)


@pytest.fixture
def jurisdiction(db: None) -> object:
    from palermo.jurisdiction.packs import load_pack

    return load_pack("generic")


@pytest.fixture
def agency(jurisdiction: object) -> Callable[[str], object]:
    from palermo.accounts.models import Agency

    def by_code(code: str) -> Agency:
        return Agency.objects.get(code=code)

    return by_code


@pytest.fixture
def make_user(jurisdiction: object) -> Callable[..., object]:
    from palermo.accounts.models import Agency, RoleAssignment, User

    def make(username: str, agency_code: str, *roles: str, password: str = "") -> User:
        user = User.objects.create_user(
            username=username,
            password=password or None,
            agency=Agency.objects.get(code=agency_code),
        )
        RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=r) for r in roles)
        return user

    return make
