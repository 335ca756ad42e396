"""Palermo's analytics library: estimation, linkage, simulation and disclosure control.

Pure Python: nothing here imports Django. It takes and returns plain data (dataclasses,
DataFrames, CSV files) so that it can be used and tested on its own.
"""

from palermo_analytics.estimation import (
    CaptureHistories,
    CaptureHistoryError,
    MultipleSystemsEstimator,
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
from palermo_analytics.simulate import World, WorldConfig, simulate_world, write_world

__all__: list[str] = [
    "CaptureHistories",
    "CaptureHistoryError",
    "LinkageReport",
    "LinkageResult",
    "LinkageSettings",
    "MultipleSystemsEstimator",
    "PersonListError",
    "World",
    "WorldConfig",
    "capture_histories",
    "link_records",
    "read_capture_histories",
    "read_person_lists",
    "score_linkage",
    "simulate_world",
    "write_world",
]
