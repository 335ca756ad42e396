"""Confidence intervals for the total: the quick model-based one and the bootstrap BCa one."""

import math
from dataclasses import dataclass

import numpy as np

# ndtr/ndtri are the Normal CDF and quantile; scipy.special loads in a fraction of scipy.stats.
from scipy.special import ndtr, ndtri

from palermo_analytics.estimation._design import FloatArray


def normal_interval(
    observed: int, intercept: float, standard_error: float, level: float
) -> tuple[float, float]:
    """observed + exp(quantiles of Normal(intercept, standard error)): the quick interval.

    The number unseen is exp(intercept), so the interval is asymmetric about the estimate.
    """
    z = ndtri((1.0 + level) / 2.0)
    low, high = np.exp(intercept + np.array([-z, z]) * standard_error)
    return observed + float(low), observed + float(high)


@dataclass(frozen=True)
class BcaInterval:
    """A bias-corrected and accelerated percentile interval and what went into it."""

    low: float
    high: float
    bias_correction: float
    acceleration: float
    adjusted_levels: tuple[float, float]


def bca_interval(
    estimate: float,
    replicates: FloatArray,
    jackknife_estimates: FloatArray,
    jackknife_weights: FloatArray,
    level: float,
) -> BcaInterval:
    """The BCa interval (Efron 1987) from bootstrap replicates and a weighted jackknife.

    Bias correction z0 = Phi^-1(share of replicates below the estimate). The acceleration comes
    from the jackknife that removes one person from each non-empty pattern, pattern j standing for
    its n_j people. Quantiles are R's type 8 (median-unbiased), as SparseMSE uses.
    """
    acceleration = jackknife_acceleration(jackknife_estimates, jackknife_weights)
    below = float(np.mean(replicates < estimate)) if replicates.size else math.nan
    if not 0.0 < below < 1.0:
        # No replicates, or all on one side of the estimate: no interval can be read off.
        return BcaInterval(math.nan, math.nan, math.nan, acceleration, (math.nan, math.nan))
    z0 = float(ndtri(below))
    z = ndtri(np.array([(1.0 - level) / 2.0, (1.0 + level) / 2.0]))
    adjusted = ndtr(z0 + (z0 + z) / (1.0 - acceleration * (z0 + z)))
    low, high = np.quantile(replicates, adjusted, method="median_unbiased")
    return BcaInterval(float(low), float(high), z0, acceleration, (adjusted[0], adjusted[1]))


def jackknife_acceleration(estimates: FloatArray, weights: FloatArray) -> float:
    """a = sum(n_j d_j^3) / (6 (sum(n_j d_j^2))^1.5), d_j = weighted mean - estimate without j."""
    if estimates.size == 0:
        return 0.0
    deviations = np.average(estimates, weights=weights) - estimates
    spread = float(np.sum(weights * deviations**2))
    if spread == 0.0:
        return 0.0
    return float(np.sum(weights * deviations**3) / (6.0 * spread**1.5))


def bca_monte_carlo_error(
    estimate: float,
    replicates: FloatArray,
    acceleration: float,
    level: float,
    *,
    resamples: int = 200,
    seed: int = 0,
) -> tuple[float, float]:
    """The Monte-Carlo standard error of each BCa bound: how much it would move with new draws.

    The replicates are themselves resampled (Koehler, Brown & Haneuse 2009, "bootstrapping the
    bootstrap"), the bias correction recomputed and the bounds read again; the acceleration is a
    jackknife of the data, not of the draws, so it stays fixed. NaN if no interval can be read.
    """
    if replicates.size < 2:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    z = ndtri(np.array([(1.0 - level) / 2.0, (1.0 + level) / 2.0]))
    bounds = np.full((resamples, 2), np.nan)
    for row in range(resamples):
        draws = replicates[rng.integers(0, replicates.size, replicates.size)]
        below = float(np.mean(draws < estimate))
        if 0.0 < below < 1.0:
            z0 = float(ndtri(below))
            adjusted = ndtr(z0 + (z0 + z) / (1.0 - acceleration * (z0 + z)))
            bounds[row] = np.quantile(draws, adjusted, method="median_unbiased")
    usable = bounds[np.isfinite(bounds).all(axis=1)]
    if usable.shape[0] < 2:
        return math.nan, math.nan
    low_error, high_error = usable.std(axis=0, ddof=1)
    return float(low_error), float(high_error)
