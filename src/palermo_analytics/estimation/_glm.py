"""A small, fast Poisson log-linear fitter (Newton's method) for designs of a few hundred cells.

statsmodels' GLM gives the same answers but spends most of its time on bookkeeping; model selection
and the bootstrap fit tens of thousands of these tiny models, so the loop is written out here.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln, xlogy

from palermo_analytics.estimation._design import FloatArray

# exp() of more than this overflows; a fitted mean that large means the fit has already failed.
_LARGEST_LINEAR_PREDICTOR = 700.0


@dataclass(frozen=True)
class PoissonFit:
    """The maximum-likelihood fit of log(mu) = design @ coefficients to Poisson counts."""

    coefficients: FloatArray
    fitted: FloatArray
    log_likelihood: float
    information: FloatArray
    converged: bool
    iterations: int

    @property
    def covariance(self) -> FloatArray:
        """The inverse Fisher information (a pseudo-inverse if the model is not identifiable)."""
        return np.linalg.pinv(self.information, hermitian=True)


def fit_poisson(
    design: FloatArray,
    counts: FloatArray,
    start: FloatArray | None = None,
    *,
    max_iterations: int = 100,
    tolerance: float = 1e-11,
) -> PoissonFit:
    """Fit a Poisson GLM with log link; `start` (e.g. a smaller model's fit) saves iterations.

    Converged means the log-likelihood changed by less than `tolerance` relative to its size, as in
    R's glm (which uses 1e-8 on the deviance). If the maximum likelihood estimate does not exist,
    some coefficients drift towards minus infinity and the fit stops when the gain is negligible.
    """
    constant = float(gammaln(counts + 1.0).sum())
    beta = _first_step(design, counts) if start is None else np.asarray(start, dtype=np.float64)
    mu = _means(design, beta)
    log_likelihood = _log_likelihood(counts, mu, constant)
    for iteration in range(1, max_iterations + 1):
        step = _newton_step(design, counts, mu)
        beta, mu, gained = _step_with_halving(design, counts, beta, step, log_likelihood, constant)
        log_likelihood += gained
        if gained <= tolerance * (abs(log_likelihood) + 0.1):
            return _finish(design, beta, mu, log_likelihood, True, iteration)
    return _finish(design, beta, mu, log_likelihood, False, max_iterations)


def _first_step(design: FloatArray, counts: FloatArray) -> FloatArray:
    """One weighted least-squares step from mu = y + 0.1, as R's glm starts a Poisson fit."""
    mu = counts + 0.1
    working_response = np.log(mu) + (counts - mu) / mu
    weighted = design * mu[:, None]
    return _solve(weighted.T @ design, weighted.T @ working_response)


def _newton_step(design: FloatArray, counts: FloatArray, mu: FloatArray) -> FloatArray:
    information = (design * mu[:, None]).T @ design
    return _solve(information, design.T @ (counts - mu))


def _step_with_halving(
    design: FloatArray,
    counts: FloatArray,
    beta: FloatArray,
    step: FloatArray,
    log_likelihood: float,
    constant: float,
) -> tuple[FloatArray, FloatArray, float]:
    """Take the Newton step, halving it while it lowers the likelihood; return the gain."""
    size = 1.0
    for _ in range(30):
        candidate = beta + size * step
        mu = _means(design, candidate)
        gained = _log_likelihood(counts, mu, constant) - log_likelihood
        if gained >= 0.0:
            return candidate, mu, gained
        size /= 2.0
    return beta, _means(design, beta), 0.0


def _finish(
    design: FloatArray,
    beta: FloatArray,
    mu: FloatArray,
    log_likelihood: float,
    converged: bool,
    iterations: int,
) -> PoissonFit:
    information = (design * mu[:, None]).T @ design
    return PoissonFit(beta, mu, log_likelihood, information, converged, iterations)


def _means(design: FloatArray, beta: FloatArray) -> FloatArray:
    return np.exp(np.minimum(design @ beta, _LARGEST_LINEAR_PREDICTOR))


def _log_likelihood(counts: FloatArray, mu: FloatArray, constant: float) -> float:
    return float(xlogy(counts, mu).sum() - mu.sum()) - constant


def _solve(matrix: FloatArray, vector: FloatArray) -> FloatArray:
    try:
        return np.linalg.solve(matrix, vector)
    except np.linalg.LinAlgError:
        # A rank-deficient design (a model that is not identifiable): any solution will do.
        return np.linalg.lstsq(matrix, vector, rcond=None)[0]
