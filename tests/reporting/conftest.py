from collections.abc import Callable
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.reporting.build import build_snapshot
from palermo.reporting.periods import Period
from tests.reporting.world import YEAR, seed_world


@pytest.fixture
def world(make_user: Callable[..., User]) -> dict[str, Any]:
    judge = make_user("judge", "court", Role.JUDICIAL_OFFICER)
    prosecutor = make_user("prosecutor", "prosecution", Role.PROSECUTOR)
    return seed_world(judge, prosecutor)


@pytest.fixture
def snapshot(world: dict[str, Any]) -> dict[str, Any]:
    return build_snapshot(Period.of(YEAR))


@pytest.fixture
def analyst(make_user: Callable[..., User]) -> User:
    return make_user("analyst", "secretariat", Role.ANALYST, password="pw-analyst-1")
