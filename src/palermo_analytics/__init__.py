"""Palermo's analytics library: estimation, linkage, simulation and disclosure control.

Pure Python: nothing here imports Django. It takes and returns plain data (dataclasses,
DataFrames, CSV files) so that it can be used and tested on its own.

The public names below are imported on first use: `palermo estimate` should not pay for loading
Splink and DuckDB, nor `palermo link` for statsmodels.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from palermo_analytics.estimation import (
        CaptureHistories,
        CaptureHistoryError,
        LatentClassEstimator,
        MethodComparison,
        ModelAveragingEstimator,
        MultipleSystemsEstimator,
        StratifiedEstimator,
        read_capture_histories,
    )
    from palermo_analytics.linkage import (
        LinkageReport,
        LinkageResult,
        LinkageSettings,
        PersonListError,
        capture_histories,
        link_records,
        read_person_lists,
        score_linkage,
    )
    from palermo_analytics.reporting import (
        DisclosureRule,
        Published,
        Table,
        round_to_base,
        suppress_small_cells,
    )
    from palermo_analytics.simulate import World, WorldConfig, simulate_world, write_world

_HOME_OF = {
    "CaptureHistories": "estimation",
    "CaptureHistoryError": "estimation",
    "MultipleSystemsEstimator": "estimation",
    "LatentClassEstimator": "estimation",
    "ModelAveragingEstimator": "estimation",
    "StratifiedEstimator": "estimation",
    "MethodComparison": "estimation",
    "read_capture_histories": "estimation",
    "LinkageReport": "linkage",
    "LinkageResult": "linkage",
    "LinkageSettings": "linkage",
    "PersonListError": "linkage",
    "capture_histories": "linkage",
    "link_records": "linkage",
    "read_person_lists": "linkage",
    "score_linkage": "linkage",
    "DisclosureRule": "reporting",
    "Published": "reporting",
    "Table": "reporting",
    "round_to_base": "reporting",
    "suppress_small_cells": "reporting",
    "World": "simulate",
    "WorldConfig": "simulate",
    "simulate_world": "simulate",
    "write_world": "simulate",
}

__all__: list[str] = [
    "CaptureHistories",
    "CaptureHistoryError",
    "DisclosureRule",
    "LatentClassEstimator",
    "LinkageReport",
    "LinkageResult",
    "LinkageSettings",
    "MethodComparison",
    "ModelAveragingEstimator",
    "MultipleSystemsEstimator",
    "PersonListError",
    "Published",
    "StratifiedEstimator",
    "Table",
    "World",
    "WorldConfig",
    "capture_histories",
    "link_records",
    "read_capture_histories",
    "read_person_lists",
    "round_to_base",
    "score_linkage",
    "simulate_world",
    "suppress_small_cells",
    "write_world",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME_OF:
        raise AttributeError(f"module 'palermo_analytics' has no attribute {name!r}")
    value = getattr(import_module(f"palermo_analytics.{_HOME_OF[name]}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME_OF])
