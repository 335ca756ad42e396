"""Result types and the warnings that tell a reader when not to trust an estimate."""

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from palermo_analytics.estimation._design import FloatArray
from palermo_analytics.estimation._existence import MLE_DOES_NOT_EXIST, NOT_IDENTIFIABLE
from palermo_analytics.estimation._intervals import BcaInterval
from palermo_analytics.estimation._model import ModelFit
from palermo_analytics.estimation._table import CaptureHistories
from palermo_analytics.estimation._warnings import sparsity_warnings


@dataclass(frozen=True)
class Interval:
    """A confidence interval for the total number of people, seen and unseen."""

    method: Literal["normal", "bca", "credible", "percentile"]
    level: float
    low: float
    high: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "level": self.level,
            "low": _number_or_none(self.low),
            "high": _number_or_none(self.high),
        }


# The default bootstrap adds replicates in these batches (1,000, 2,000, 4,000, 8,000 in all) until
# the Monte-Carlo error of both bounds is at most this share of the estimate (2 %: a seed then
# moves a bound by about 2 %, against the 3-8 % seen with 1,000 replicates).
ADAPTIVE_BATCHES = (1000, 1000, 2000, 4000)
TARGET_RELATIVE_ERROR = 0.02
# A bound read where fewer replicates than this lie beyond it rests on a handful of draws.
_FEW_REPLICATES_BEYOND = 10


@dataclass(frozen=True)
class BootstrapResult:
    """The BCa interval, the replicate estimates behind it, and warnings about its stability.

    `monte_carlo_error`: the standard error of the (low, high) bounds due to the finite number of
    replicates alone; another seed moves each bound by about this much.
    """

    interval: Interval
    replicates: FloatArray
    bca: BcaInterval
    warnings: list[str]
    monte_carlo_error: tuple[float, float] = (math.nan, math.nan)
    estimate: float = math.nan

    @property
    def relative_error(self) -> float:
        """The larger bound's Monte-Carlo error as a share of the estimate (inf if unknown)."""
        worst = max(self.monte_carlo_error)
        if math.isnan(worst) or not self.estimate:
            return math.inf
        return worst / self.estimate

    def to_dict(self) -> dict[str, Any]:
        low, high = self.monte_carlo_error
        return {
            "replicates": int(self.replicates.size),
            "adjusted_levels": [float(level) for level in self.bca.adjusted_levels],
            "monte_carlo_error": [_number_or_none(low), _number_or_none(high)],
        }


def fit_warnings(
    table: CaptureHistories, model: ModelFit, existence_code: int, non_overlapping: list[str]
) -> list[str]:
    """Why a fitted estimate may mislead: sparse data, a degenerate model, no convergence."""
    warnings = list(table.notes)
    empty = int(np.sum(table.cell_counts == 0))
    if empty > table.cell_counts.size / 2:
        warnings.append(
            f"sparse data: {empty} of the {table.cell_counts.size} capture patterns are empty, "
            "so the estimate rests on few overlaps"
        )
    for pair in non_overlapping:
        warnings.append(
            f"sparse data: nobody is on both lists of {pair}; the model treats that overlap as "
            "impossible (extended maximum likelihood)"
        )
    if existence_code & MLE_DOES_NOT_EXIST:
        warnings.append("the model's maximum-likelihood estimate does not exist (code 1)")
    if existence_code & NOT_IDENTIFIABLE:
        warnings.append("the model is not identifiable from these lists (code 2)")
    if not model.fit.converged:
        warnings.append("the model fit did not converge")
    return [*warnings, *sparsity_warnings(table)]


def bootstrap_warnings(
    replicates: FloatArray,
    bca: BcaInterval,
    error: tuple[float, float] = (math.nan, math.nan),
    estimate: float = math.nan,
) -> list[str]:
    """Signs of an unstable bootstrap: failed replicates, bounds read off a few extreme ones."""
    warnings = []
    failed = int(np.sum(~np.isfinite(replicates)))
    if failed:
        warnings.append(
            f"unstable bootstrap: {failed} of {replicates.size} replicates gave no estimate "
            "and were left out"
        )
    finite = int(replicates.size - failed)
    if math.isnan(bca.low):
        side = "every replicate fell on one side of the estimate" if finite else "none is left"
        warnings.append(f"unstable bootstrap: no BCa interval, {side}")
        return warnings
    extreme = 1.0 / (finite + 1)
    if min(bca.adjusted_levels) < extreme or max(bca.adjusted_levels) > 1.0 - extreme:
        warnings.append(
            "unstable bootstrap: an end of the BCa interval lies at the most extreme replicate; "
            "use more replicates"
        )
        return warnings
    for name, level, bound_error in zip(
        ("lower", "upper"), bca.adjusted_levels, error, strict=True
    ):
        beyond = round(finite * min(level, 1.0 - level))
        if beyond < _FEW_REPLICATES_BEYOND:
            warnings.append(
                f"unstable bootstrap: the {name} bound is read at the {level:.2%} level, beyond "
                f"which lie only {beyond} of {finite:,} replicates (Monte-Carlo error "
                f"±{bound_error:,.0f}); use more replicates"
            )
        elif bound_error > TARGET_RELATIVE_ERROR * estimate:
            warnings.append(
                f"the {name} bound's Monte-Carlo error is ±{bound_error:,.0f} "
                f"({bound_error / estimate:.1%} of the estimate); use more replicates"
            )
    return warnings


def estimate_as_dict(
    lists: Any,
    observed: int,
    estimate: float,
    interval: Interval,
    model: dict[str, Any],
    warnings: list[str],
) -> dict[str, Any]:
    """One estimator's result as plain data: the same keys whatever the method."""
    return {
        "lists": list(lists),
        "observed": observed,
        "estimate": estimate,
        "interval": interval.to_dict(),
        "model": model,
        "warnings": warnings,
    }


def _number_or_none(value: float) -> float | None:
    return None if math.isnan(value) else value
