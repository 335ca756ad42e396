"""Shared fixtures: a throwaway keyring, a small jurisdiction, the cast of users (tests/cast.py)
and a draft screening."""

import base64
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from pytest_django.fixtures import Settings as SettingsFixture

from palermo.accounts.models import Agency, User
from palermo.jurisdiction.models import Jurisdiction
from palermo.jurisdiction.packs import load_pack
from palermo.privacy.keys import forget_keyring
from palermo.screening.models import Screening
from palermo.screening.services import start_screening
from palermo.workdir import new_keyring_json
from tests.cast import Cast, Committee, Justice
from tests.cast import make_user as make_user_at_agency

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
def checkpoints_in_a_temporary_folder(settings: SettingsFixture, tmp_path: Path) -> Path:
    """Signed audit checkpoints go to the test's own folder, never to ./var."""
    settings.PALERMO_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    return Path(settings.PALERMO_AUDIT_CHECKPOINT_FILE)


@pytest.fixture
def jurisdiction(db: None) -> Jurisdiction:
    return load_pack("generic")


@pytest.fixture
def agency(jurisdiction: Jurisdiction) -> Callable[[str], Agency]:
    def by_code(code: str) -> Agency:
        return Agency.objects.get(code=code)

    return by_code


@pytest.fixture
def cast(jurisdiction: Jurisdiction) -> Cast:
    """The people of tests/cast.py, each made the first time the test meets them."""
    return Cast()


@pytest.fixture
def make_user(jurisdiction: Jurisdiction) -> Callable[..., User]:
    """The cast's user factory, for a test that needs someone the cast does not have."""
    return make_user_at_agency


@pytest.fixture
def owner(cast: Cast) -> User:
    return cast.owner


@pytest.fixture
def worker(owner: User) -> User:
    """The case worker at the case-owning agency, by the name the API and casework tests use."""
    return owner


@pytest.fixture
def colleague(cast: Cast) -> User:
    return cast.colleague


@pytest.fixture
def outsider(cast: Cast) -> User:
    return cast.outsider


@pytest.fixture
def screener(cast: Cast) -> User:
    return cast.screener


@pytest.fixture
def analyst(cast: Cast) -> User:
    return cast.analyst


@pytest.fixture
def justice(cast: Cast) -> Justice:
    return cast.justice


@pytest.fixture
def committee(cast: Cast) -> Committee:
    return cast.committee


@pytest.fixture
def screening(screener: User) -> Screening:
    """A draft screening on the adult labour list, started by the screener."""
    return start_screening(screener, "adult_labour")
