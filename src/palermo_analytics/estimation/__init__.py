"""Multiple Systems Estimation: how many people did the lists miss?

Each list (an agency's record of victims) is a capture of the population. From how many people
were seen on each combination of lists, a Poisson log-linear model with main effects and selected
two-list interactions estimates how many were seen on none. A clean-room implementation of the
method of the R package SparseMSE (Chan, Silverman & Vincent 2021), giving the same answers.

    >>> estimator = MultipleSystemsEstimator().fit("uk_2013_5lists.csv")  # doctest: +SKIP
    >>> round(estimator.estimate_)  # doctest: +SKIP
    11313
    >>> estimator.bootstrap(1000, seed=1).interval  # doctest: +SKIP
"""

from palermo_analytics.estimation._estimator import MultipleSystemsEstimator, check_existence
from palermo_analytics.estimation._reporting import BootstrapResult, Interval
from palermo_analytics.estimation._selection import METHODS, Method
from palermo_analytics.estimation._table import (
    CaptureHistories,
    CaptureHistoryError,
    read_capture_histories,
)

__all__ = [
    "METHODS",
    "BootstrapResult",
    "CaptureHistories",
    "CaptureHistoryError",
    "Interval",
    "Method",
    "MultipleSystemsEstimator",
    "check_existence",
    "read_capture_histories",
]
