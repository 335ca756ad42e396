"""A small simulated world, written as person lists and linked once for the linkage tests."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from palermo_analytics.linkage import LinkageResult, LinkageSettings, link_records
from palermo_analytics.simulate import World, WorldConfig, simulate_world, write_world

LISTS = ["police", "ngo", "shelter", "labour"]
# Small data needs few pairs to estimate u; the default (2 million) is for real lists.
FAST = LinkageSettings(u_max_pairs=2e5, em_max_pairs=2e5)


@dataclass(frozen=True)
class Linked:
    world: World
    paths: list[Path]
    lists: pd.DataFrame
    result: LinkageResult


@pytest.fixture(scope="session")
def small_world() -> World:
    return simulate_world(WorldConfig.for_lists(LISTS, population=700, seed=21))


@pytest.fixture(scope="session")
def linked(small_world: World, tmp_path_factory: pytest.TempPathFactory) -> Linked:
    folder = tmp_path_factory.mktemp("world")
    write_world(small_world, folder)
    paths = [folder / f"{name}.csv" for name in LISTS]
    from palermo_analytics.linkage import read_person_lists

    lists = read_person_lists(paths)
    return Linked(small_world, paths, lists, link_records(lists, FAST))
