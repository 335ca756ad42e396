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

__all__: list[str] = [
    "CaptureHistories",
    "CaptureHistoryError",
    "MultipleSystemsEstimator",
    "read_capture_histories",
]
