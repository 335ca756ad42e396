"""Stepwise selection on many tables at once: the bootstrap's replicates in lockstep.

Every replicate starts from the main-effects model and adds one interaction per round, exactly as
`select_model` does for one table. Replicates that hold the same model in a round (usually most of
them) are fitted together: one Newton iteration is a handful of array operations over the whole
batch instead of a Python loop per table. Each replicate still iterates, halves its steps and stops
by its own convergence test, so every replicate gets the fit `fit_poisson` would give it (to
rounding), and the same interaction is chosen (tests/analytics/estimation/test_batch.py compares
the two on thousands of resampled tables).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln, pdtr, pdtrc, xlogy

from palermo_analytics.estimation._design import FloatArray, cells_on_pair, full_design
from palermo_analytics.estimation._model import model_existence_code, model_shape

_LARGEST_LINEAR_PREDICTOR = 700.0
_MAX_ITERATIONS = 100
_TOLERANCE = 1e-11
_HALVINGS = 30


def stepwise_totals(
    rows: FloatArray, t: int, threshold: float, heterogeneity: bool = False
) -> FloatArray:
    """The stepwise (SparseMSE) estimate of the total for each row of cell counts; with
    `heterogeneity`, every model also has the heterogeneity term.

    Rows must have someone on every list (the caller sets the others aside).
    """
    rows = np.asarray(rows, dtype=np.float64)
    n_rows = rows.shape[0]
    coefficients = np.zeros((n_rows, full_design(t).shape[1]))  # 0 where a model lacks a column
    means = np.zeros_like(rows)
    models = _Models([()] * n_rows, heterogeneity)
    observed = rows @ cells_on_pair(t).T.astype(np.float64)
    _fit_groups(rows, t, models, np.arange(n_rows), coefficients, means, observed, warm=False)
    active = np.arange(n_rows)
    while active.size:
        added = _next_pairs(rows, t, models, active, means, observed, threshold)
        growing = active[added >= 0]
        for row, pair in zip(growing.tolist(), added[added >= 0].tolist(), strict=True):
            models.pairs[row] = tuple(sorted((*models.pairs[row], pair)))
        _fit_groups(rows, t, models, growing, coefficients, means, observed, warm=True)
        active = growing
    return rows.sum(axis=1) + np.exp(coefficients[:, 0])


@dataclass
class _Models:
    """Each row's interactions so far, and whether every model has the heterogeneity term."""

    pairs: list[tuple[int, ...]]
    heterogeneity: bool


def _next_pairs(
    rows: FloatArray,
    t: int,
    models: _Models,
    active: np.ndarray,
    means: FloatArray,
    observed: FloatArray,
    threshold: float,
) -> np.ndarray:
    """For each active row, the interaction stepwise adds next, or -1 to stop."""
    expected = means[active] @ cells_on_pair(t).T.astype(np.float64)
    seen = observed[active]
    at_most = pdtr(seen, expected)
    at_least = np.where(seen > 0, pdtrc(seen - 1, expected), 1.0)
    p_values = np.minimum(at_most, at_least)
    for position, row in enumerate(active.tolist()):
        p_values[position, list(models.pairs[row])] = np.inf  # already in the model
    order = np.argsort(p_values, axis=1, kind="stable")
    added = np.full(active.size, -1)
    for position, row in enumerate(active.tolist()):
        for pair in order[position].tolist():
            if p_values[position, pair] >= threshold:
                break
            enlarged = tuple(sorted((*models.pairs[row], pair)))
            if model_existence_code(t, enlarged, rows[row], models.heterogeneity) == 0:
                added[position] = pair
                break
    return added


def _fit_groups(
    rows: FloatArray,
    t: int,
    models: _Models,
    which: np.ndarray,
    coefficients: FloatArray,
    means: FloatArray,
    observed: FloatArray,
    *,
    warm: bool,
) -> None:
    """Fit each row in `which` to its model, the rows with one shape together.

    A shape is the model and the interactions it drops (nobody on both lists), which `observed`
    (people on both lists of each pair, per row) tells without building the shape per row.
    """
    groups: dict[tuple[tuple[int, ...], tuple[int, ...]], list[int]] = {}
    for row in which.tolist():
        model = models.pairs[row]
        dropped = tuple(pair for pair in model if observed[row, pair] == 0)
        groups.setdefault((model, dropped), []).append(row)
    for (model, _), members in groups.items():
        index = np.array(members)
        shape = model_shape(t, model, rows[index[0]], models.heterogeneity)
        design = shape.design(t)
        start = coefficients[np.ix_(index, shape.columns)] if warm else None
        beta, mu = fit_poisson_batch(design, rows[np.ix_(index, shape.retained)], start)
        coefficients[index] = 0.0
        coefficients[np.ix_(index, shape.columns)] = beta
        means[index] = 0.0
        means[np.ix_(index, shape.retained)] = mu


def fit_poisson_batch(
    design: FloatArray, counts: FloatArray, start: FloatArray | None = None
) -> tuple[FloatArray, FloatArray]:
    """`fit_poisson` for each row of `counts` (one design): coefficients and fitted means."""
    constant = gammaln(counts + 1.0).sum(axis=1)
    # Each cell's outer product of its design row, flattened: the information matrix of every row
    # is then one matrix product with its fitted means.
    products = (design[:, :, None] * design[:, None, :]).reshape(design.shape[0], -1)
    beta = _first_steps(design, counts) if start is None else np.array(start, dtype=np.float64)
    mu = _means(design, beta)
    log_likelihood = _log_likelihoods(counts, mu, constant)
    active = np.arange(counts.shape[0])
    for _ in range(_MAX_ITERATIONS):
        if not active.size:
            break
        steps = _newton_steps(design, products, counts[active], mu[active])
        gained = _take_steps(design, counts, beta, mu, log_likelihood, constant, active, steps)
        log_likelihood[active] += gained
        converged = gained <= _TOLERANCE * (np.abs(log_likelihood[active]) + 0.1)
        active = active[~converged]
    return beta, mu


def _take_steps(
    design: FloatArray,
    counts: FloatArray,
    beta: FloatArray,
    mu: FloatArray,
    log_likelihood: FloatArray,
    constant: FloatArray,
    active: np.ndarray,
    steps: FloatArray,
) -> FloatArray:
    """Each active row's Newton step, halved while it lowers the likelihood; updates `beta`
    and `mu` in place and returns the gains (0 where no step helped)."""
    gained = np.zeros(active.size)
    size = np.ones(active.size)
    pending = np.arange(active.size)
    for _ in range(_HALVINGS):
        rows = active[pending]
        candidate = beta[rows] + size[pending, None] * steps[pending]
        candidate_mu = _means(design, candidate)
        gain = _log_likelihoods(counts[rows], candidate_mu, constant[rows]) - log_likelihood[rows]
        better = gain >= 0.0
        beta[rows[better]] = candidate[better]
        mu[rows[better]] = candidate_mu[better]
        gained[pending[better]] = gain[better]
        pending = pending[~better]
        if not pending.size:
            break
        size[pending] /= 2.0
    return gained


def _first_steps(design: FloatArray, counts: FloatArray) -> FloatArray:
    """One weighted least-squares step from mu = y + 0.1, for every row (R's glm start)."""
    mu = counts + 0.1
    working = np.log(mu) + (counts - mu) / mu
    weighted = design.T[None, :, :] * mu[:, None, :]  # rows x columns x cells
    return _solve(weighted @ design, np.einsum("rkc,rc->rk", weighted, working))


def _newton_steps(
    design: FloatArray, products: FloatArray, counts: FloatArray, mu: FloatArray
) -> FloatArray:
    k = design.shape[1]
    information = (mu @ products).reshape(-1, k, k)
    return _solve(information, (counts - mu) @ design)


def _solve(matrices: FloatArray, vectors: FloatArray) -> FloatArray:
    try:
        return np.linalg.solve(matrices, vectors[..., None])[..., 0]
    except np.linalg.LinAlgError:
        # Some row's model is not identifiable there: solve row by row, least squares for it.
        return np.array([_solve_one(m, v) for m, v in zip(matrices, vectors, strict=True)])


def _solve_one(matrix: FloatArray, vector: FloatArray) -> FloatArray:
    try:
        return np.linalg.solve(matrix, vector)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(matrix, vector, rcond=None)[0]


def _means(design: FloatArray, beta: FloatArray) -> FloatArray:
    return np.exp(np.minimum(beta @ design.T, _LARGEST_LINEAR_PREDICTOR))


def _log_likelihoods(counts: FloatArray, mu: FloatArray, constant: FloatArray) -> FloatArray:
    return np.asarray((xlogy(counts, mu) - mu).sum(axis=1) - constant)
