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


@dataclass(frozen=True)
class Interval:
    """A confidence interval for the total number of people, seen and unseen."""

    method: Literal["normal", "bca"]
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


@dataclass(frozen=True)
class BootstrapResult:
    """The BCa interval, the replicate estimates behind it, and warnings about its stability."""

    interval: Interval
    replicates: FloatArray
    bca: BcaInterval
    warnings: list[str]


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
    return warnings


def bootstrap_warnings(replicates: FloatArray, bca: BcaInterval) -> list[str]:
    """Signs of an unstable bootstrap: failed replicates, or an interval at the replicates' edge."""
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


def _number_or_none(value: float) -> float | None:
    return None if math.isnan(value) else value
