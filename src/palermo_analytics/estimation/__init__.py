"""Multiple Systems Estimation: how many people did the lists miss?

Each list (an agency's record of victims) is a capture of the population. From how many people
were seen on each combination of lists, a Poisson log-linear model with main effects and selected
two-list interactions estimates how many were seen on none. A clean-room implementation of the
method of the R package SparseMSE (Chan, Silverman & Vincent 2021), giving the same answers.

Some people are far more visible than others, which biases log-linear models downwards; the
latent-class model (Manrique-Vallier 2016, R's LCMCR), the average over every decomposable
graphical model (Madigan & York 1997, R's dga), estimates within strata of shared covariates, and
the comparison of methods address that (see docs/estimation.md).

    >>> estimator = MultipleSystemsEstimator().fit("uk_2013_5lists.csv")  # doctest: +SKIP
    >>> round(estimator.estimate_)  # doctest: +SKIP
    11313
    >>> estimator.bootstrap(1000, seed=1).interval  # doctest: +SKIP
"""

from palermo_analytics.estimation._comparison import MethodComparison
from palermo_analytics.estimation._estimator import MultipleSystemsEstimator, check_existence
from palermo_analytics.estimation._latent_class import LatentClassEstimator
from palermo_analytics.estimation._methods import (
    BASE_METHODS,
    MethodResult,
    MethodSettings,
    estimate_with,
)
from palermo_analytics.estimation._model_averaging import ModelAveragingEstimator
from palermo_analytics.estimation._reporting import BootstrapResult, Interval
from palermo_analytics.estimation._selection import METHODS, Method
from palermo_analytics.estimation._stratified import StratifiedEstimator
from palermo_analytics.estimation._table import (
    COUNT_COLUMN,
    CaptureHistories,
    CaptureHistoryError,
    read_capture_histories,
)
from palermo_analytics.estimation._warnings import (
    ASSUMPTIONS,
    MIN_RECAPTURED,
    people_on_several_lists,
    sparsity_warnings,
)

__all__ = [
    "ASSUMPTIONS",
    "BASE_METHODS",
    "COUNT_COLUMN",
    "METHODS",
    "MIN_RECAPTURED",
    "BootstrapResult",
    "CaptureHistories",
    "CaptureHistoryError",
    "Interval",
    "LatentClassEstimator",
    "Method",
    "MethodComparison",
    "MethodResult",
    "MethodSettings",
    "ModelAveragingEstimator",
    "MultipleSystemsEstimator",
    "StratifiedEstimator",
    "check_existence",
    "estimate_with",
    "people_on_several_lists",
    "read_capture_histories",
    "sparsity_warnings",
]
