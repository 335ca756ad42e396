"""A small world shared by the simulation tests (simulating it takes about a second)."""

import pytest

from palermo_analytics.simulate import World, WorldConfig, simulate_world

LISTS = ["police", "ngo", "shelter", "hotline", "labour"]


@pytest.fixture(scope="session")
def world() -> World:
    return simulate_world(WorldConfig.for_lists(LISTS, population=1500, seed=11))
