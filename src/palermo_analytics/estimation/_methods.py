"""Every estimation method behind one call: an estimate, an interval, draws to combine, caveats.

The stratified estimator and the comparison of methods both need, for any method, a point estimate,
an interval, and a sample that describes its uncertainty (bootstrap replicates for the log-linear
models, posterior draws for the latent-class model and the model average) so that strata can be
added up.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from palermo_analytics.estimation._design import FloatArray
from palermo_analytics.estimation._reporting import Interval
from palermo_analytics.estimation._selection import METHODS
from palermo_analytics.estimation._table import CaptureHistories
from palermo_analytics.estimation._warnings import ASSUMPTIONS

BaseMethod = Literal[
    "stepwise", "main-effects", "aic", "bic", "all-pairs", "heterogeneity", "latent-class", "bma"
]
BASE_METHODS: tuple[BaseMethod, ...] = (*METHODS, "latent-class", "bma")


@dataclass(frozen=True)
class MethodSettings:
    """How hard each method works: bootstrap replicates, Gibbs sweeps, the seed and the level."""

    replicates: int = 1000
    iterations: int = 5000
    burn_in: int = 2000
    thinning: int = 5
    chains: int = 2
    seed: int | None = None
    level: float = 0.95
    workers: int | None = 1


@dataclass(frozen=True)
class MethodResult:
    """One method's answer on one table."""

    method: str
    observed: int
    estimate: float
    interval: Interval
    draws: FloatArray
    warnings: list[str] = field(default_factory=list)
    # A log-linear model's existence/identifiability code (see _existence); 0 for the others.
    existence_code: int = 0

    @property
    def assumptions(self) -> str:
        return ASSUMPTIONS[self.method]

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "observed": self.observed,
            "estimate": self.estimate,
            "interval": self.interval.to_dict(),
            "assumptions": self.assumptions,
            "warnings": self.warnings,
        }


def estimate_with(method: str, table: CaptureHistories, settings: MethodSettings) -> MethodResult:
    """Run one base method on a table, with an interval and draws."""
    if method == "latent-class":
        return _latent_class(table, settings)
    if method == "bma":
        return _model_average(table, settings)
    if method in METHODS:
        return _log_linear(method, table, settings)
    raise ValueError(f"unknown method {method!r}; expected one of {', '.join(BASE_METHODS)}")


def _latent_class(table: CaptureHistories, settings: MethodSettings) -> MethodResult:
    from palermo_analytics.estimation._latent_class import LatentClassEstimator

    model = LatentClassEstimator(
        iterations=settings.iterations,
        burn_in=settings.burn_in,
        thinning=settings.thinning,
        chains=settings.chains,
        seed=settings.seed,
        level=settings.level,
    ).fit(table)
    return MethodResult(
        "latent-class",
        model.observed_,
        model.estimate_,
        model.interval_,
        model.samples_,
        model.warnings_,
    )


def _model_average(table: CaptureHistories, settings: MethodSettings) -> MethodResult:
    from palermo_analytics.estimation._model_averaging import ModelAveragingEstimator

    model = ModelAveragingEstimator(seed=settings.seed, level=settings.level).fit(table)
    return MethodResult(
        "bma", model.observed_, model.estimate_, model.interval_, model.samples_, model.warnings_
    )


def _log_linear(method: str, table: CaptureHistories, settings: MethodSettings) -> MethodResult:
    from palermo_analytics.estimation._estimator import MultipleSystemsEstimator

    model = MultipleSystemsEstimator(method).fit(table)  # type: ignore[arg-type]
    result = model.bootstrap(
        settings.replicates, seed=settings.seed, level=settings.level, workers=settings.workers
    )
    draws = result.replicates[np.isfinite(result.replicates)]
    return MethodResult(
        method,
        model.observed_,
        model.estimate_,
        result.interval,
        draws,
        [*model.warnings_, *result.warnings],
        model.existence_code_,
    )
