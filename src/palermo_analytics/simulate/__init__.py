"""Synthetic multi-agency worlds with known truth, for tests, benchmarks and demos.

A hidden population of trafficking victims, named after the naming cultures of the region, is
captured by several agencies' lists with heterogeneous and dependent probabilities; each capture
becomes a noisy record in the person-list format. The truth (which record is whom, and the true
population size) is kept, so linkage and estimation can be scored against it.

    world = simulate_world(WorldConfig.for_lists(["police", "ngo", "shelter"], population=500))
    write_world(world, "out/")

`simulate_independent_world` is a second generator of a different design (its own names,
transliterations, corruptors after GeCo/FEBRL, latent-class capture), so that linkage and
estimation are checked on data the linker's own tables did not shape.
"""

from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS
from palermo_analytics.simulate._config import (
    EXPLOITATION_FORMS,
    KNOWN_AGENCIES,
    AgencyConfig,
    NoiseConfig,
    WorldConfig,
)
from palermo_analytics.simulate._corruptor_world import simulate_independent_world
from palermo_analytics.simulate._independent_config import IndependentWorldConfig, Practice
from palermo_analytics.simulate._world import (
    TRUTH_FILE,
    WORLD_FILE,
    World,
    simulate_world,
    write_world,
)

__all__ = [
    "EXPLOITATION_FORMS",
    "KNOWN_AGENCIES",
    "PERSON_LIST_COLUMNS",
    "TRUTH_FILE",
    "WORLD_FILE",
    "AgencyConfig",
    "IndependentWorldConfig",
    "NoiseConfig",
    "Practice",
    "World",
    "WorldConfig",
    "simulate_independent_world",
    "simulate_world",
    "write_world",
]
