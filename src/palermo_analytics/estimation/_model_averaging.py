"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997, R's dga).

Log-linear model selection picks one set of interactions and forgets that others fitted nearly as
well, and the two-list interactions it can pick under-fit the positive dependence that
heterogeneous visibility creates between lists. Madigan & York instead average over every
decomposable graphical model, higher-order interactions included, weighting each by its posterior
probability, and carry the uncertainty about the model into the interval.

For a graph G and a number n0 of people on no list, the completed table n has, under a
hyper-Dirichlet prior with parameter delta in each of the 2^p cells, the marginal likelihood

    log p(n | G) = sum over cliques C of h(n_C) - sum over separators S of h(n_S),
    h(n_M) = lgamma(a) - lgamma(a + N) + sum over cells i of M [lgamma(a_M + n_i) - lgamma(a_M)],

with a = delta 2^p and a_M = delta 2^(p - |M|) in each cell of the marginal table over the lists
in M (its cell "on none of M" holds n0). The posterior of (G, N) is proportional to
p(G) p(N) N! / n0! p(n | G): the multinomial coefficient N! / (n0! prod n_obs!) without the
observed cells' factorials, which do not depend on N. p(G) is uniform; p(N) is 1/N by default.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
import pandas as pd
from scipy.special import gammaln, logsumexp

from palermo_analytics.estimation._decomposable import (
    check_list_count,
    clique_names,
    decomposable_graphs,
)
from palermo_analytics.estimation._design import FloatArray
from palermo_analytics.estimation._reporting import Interval, estimate_as_dict
from palermo_analytics.estimation._table import (
    CaptureHistories,
    TableSource,
    read_capture_histories,
)
from palermo_analytics.estimation._warnings import sparsity_warnings

LogPrior = Callable[[FloatArray], FloatArray]

# The grid of n0 stops where the posterior beyond it is negligible, but never past this many
# times the observed count: beyond it the lists say nothing and the prior alone speaks.
TAIL_MASS = 1e-6
MAX_GRID_FACTOR = 100
# Cut at the cap with more than this beyond, the upper bound is visibly too low: say so. Below it,
# the saturated model's power-law tail (N^-2 under the 1/N prior) is all that is missing.
TAIL_WARNING = 1e-4
# Every n0 up to this is on the grid; above it, points 0.1 % apart, each standing for the
# integers around it (a relative resolution far finer than any interval).
_DENSE_UNSEEN = 1000
_SPACING = 1.001
# Graphs scored per matrix product: bounds memory at p = 6 (18,154 graphs).
_CHUNK = 2048


def one_over_n(totals: FloatArray) -> FloatArray:
    """log p(N) for p(N) proportional to 1/N, the default (as in LCMCR and dga)."""
    return np.asarray(-np.log(totals), dtype=np.float64)


@dataclass(frozen=True)
class Posterior:
    """The model-averaged posterior of N on a grid, and every graph's posterior probability.

    `mass[k]` is the posterior probability of the `widths[k]` integers around `totals[k]`.
    """

    totals: FloatArray
    widths: FloatArray
    mass: FloatArray
    model_probabilities: FloatArray
    tail_mass: float

    def quantile(self, q: float) -> float:
        """The smallest N on the grid whose cumulative posterior reaches q."""
        position = int(np.searchsorted(np.cumsum(self.mass), q * (1 - 1e-12)))
        return float(self.totals[min(position, self.totals.size - 1)])

    def beyond(self) -> float:
        """Estimated mass beyond the grid: 3 times its top quarter's (see _extended_posterior)."""
        return 3.0 * self.tail_mass

    def mode(self) -> float:
        return float(self.totals[np.argmax(self.mass / self.widths)])

    def relative_loss_estimate(self) -> float:
        """The Bayes estimate under relative squared loss ((N - n) / N)^2: E[1/N] / E[1/N^2]."""
        return float(np.sum(self.mass / self.totals) / np.sum(self.mass / self.totals**2))


def unseen_grid(upper: int) -> FloatArray:
    """n0 = 0, 1, ... up to _DENSE_UNSEEN, then points _SPACING apart up to `upper`."""
    dense = np.arange(min(upper, _DENSE_UNSEEN) + 1, dtype=np.float64)
    if upper <= _DENSE_UNSEEN:
        return dense
    steps = math.ceil(math.log(upper / _DENSE_UNSEEN) / math.log(_SPACING))
    sparse = np.round(_DENSE_UNSEEN * _SPACING ** np.arange(1, steps + 1))
    return np.unique(np.concatenate([dense, np.minimum(sparse, upper)]))


def grid_widths(unseen: FloatArray) -> FloatArray:
    """How many integers each grid point stands for: 1 where the grid is dense."""
    if unseen.size == 1:
        return np.ones(1)
    gaps = np.diff(unseen)
    return np.concatenate([[1.0], (gaps[:-1] + gaps[1:]) / 2.0, [gaps[-1]]])


def full_table(table: CaptureHistories) -> FloatArray:
    """The 2^p cells by binary code, the unseen cell (code 0) at 0."""
    return np.concatenate([[0.0], table.cell_counts.astype(np.float64)])


def marginal_terms(counts: FloatArray, delta: float, unseen: FloatArray) -> FloatArray:
    """h(n_M) for every subset M of lists (rows, by bitmask) and every n0 on the grid (columns).

    The lgamma(a) - lgamma(a + N) part is the same for every subset and each graph's coefficients
    sum to zero, so it cancels in every graph; it is kept so that h is the marginal table's own
    log likelihood (h of the empty set is then 0, as the separator formula needs).
    """
    cells = counts.size
    lists = cells.bit_length() - 1
    codes = np.arange(cells)
    total_prior = delta * cells
    totals = counts.sum() + unseen
    terms = np.empty((cells, unseen.size))
    for subset in range(cells):
        prior = delta * 2.0 ** (lists - bin(subset).count("1"))
        # Cells of the marginal that are not subsets of M stay empty and add nothing.
        marginal = np.bincount(codes & subset, weights=counts, minlength=cells)
        seen = float(np.sum(gammaln(prior + marginal[1:]) - gammaln(prior)))
        terms[subset] = (
            gammaln(total_prior)
            - gammaln(total_prior + totals)
            + seen
            + gammaln(prior + marginal[0] + unseen)
            - gammaln(prior)
        )
    return terms


def average_models(
    counts: FloatArray,
    delta: float,
    unseen: FloatArray,
    log_prior: LogPrior = one_over_n,
) -> Posterior:
    """The posterior over graphs and N with n0 on the given grid (integers or a sparse grid)."""
    graphs = decomposable_graphs(counts.size.bit_length() - 1)
    terms = marginal_terms(counts, delta, unseen)
    base = _log_weights(counts, unseen, log_prior)
    model_log_mass = np.empty(len(graphs))
    grid_log_mass = np.full(unseen.size, -np.inf)
    for start in range(0, len(graphs), _CHUNK):
        log_joint = graphs.coefficients[start : start + _CHUNK] @ terms + base
        # One exponential of the whole chunk, scaled by its largest term: what underflows is
        # below 1e-300 of the chunk's best and cannot matter.
        largest = float(log_joint.max())
        joint = np.exp(log_joint - largest)
        with np.errstate(divide="ignore"):
            model_log_mass[start : start + _CHUNK] = np.log(joint.sum(axis=1)) + largest
            grid_log_mass = np.logaddexp(grid_log_mass, np.log(joint.sum(axis=0)) + largest)
    normaliser = float(logsumexp(grid_log_mass))
    mass = np.exp(grid_log_mass - normaliser)
    return Posterior(
        counts.sum() + unseen,
        grid_widths(unseen),
        mass,
        np.exp(model_log_mass - normaliser),
        float(np.sum(mass[unseen > 0.75 * unseen[-1]])) if unseen[-1] > 0 else 0.0,
    )


def model_posterior(
    counts: FloatArray,
    delta: float,
    unseen: FloatArray,
    graph: int,
    log_prior: LogPrior = one_over_n,
) -> Posterior:
    """The posterior of N under one graph alone (its probability is 1 in the result)."""
    graphs = decomposable_graphs(counts.size.bit_length() - 1)
    log_joint = graphs.coefficients[graph] @ marginal_terms(counts, delta, unseen) + _log_weights(
        counts, unseen, log_prior
    )
    mass = np.exp(log_joint - logsumexp(log_joint))
    return Posterior(counts.sum() + unseen, grid_widths(unseen), mass, np.ones(1), math.nan)


def _log_weights(counts: FloatArray, unseen: FloatArray, log_prior: LogPrior) -> FloatArray:
    """log p(N) + log N!/n0! + log(integers the point stands for): what every graph shares."""
    totals = counts.sum() + unseen
    return np.asarray(
        log_prior(totals)
        + gammaln(totals + 1.0)
        - gammaln(unseen + 1.0)
        + np.log(grid_widths(unseen)),
        dtype=np.float64,
    )


class ModelAveragingEstimator:
    """Posterior of N averaged over all decomposable graphical log-linear models (3 to 6 lists).

    delta: the hyper-Dirichlet parameter per cell of the full 2^p table (default 2^-p, as dga).
    log_prior: log p(N) up to a constant, vectorised over N (default 1/N). draws: posterior draws
    kept to combine strata and ranges. top: how many of the most probable models to report. The
    estimate is the posterior median; the interval is the equal-tailed credible interval.
    """

    def __init__(
        self,
        *,
        delta: float | None = None,
        log_prior: LogPrior = one_over_n,
        draws: int = 4000,
        top: int = 5,
        seed: int | None = None,
        level: float = 0.95,
    ) -> None:
        if delta is not None and delta <= 0.0:
            raise ValueError(f"delta must be positive, got {delta}")
        if not 0.0 < level < 1.0:
            raise ValueError(f"level must be between 0 and 1, got {level}")
        if draws < 1 or top < 1:
            raise ValueError("draws and top must be at least 1")
        self.delta = delta
        self.log_prior = log_prior
        self.draws = draws
        self.top = top
        self.seed = seed
        self.level = level

    def fit(self, source: TableSource) -> Self:
        """Average the models; `source` is a CaptureHistories, a DataFrame or a CSV path."""
        table = read_capture_histories(source)
        check_list_count(len(table.lists))
        counts = full_table(table)
        self.delta_ = self.delta if self.delta is not None else 2.0 ** -len(table.lists)
        self.posterior_, self.truncated_ = self._extended_posterior(counts)
        self.table_ = table
        self.lists_ = table.lists
        self.observed_ = table.observed
        self.estimate_ = self.posterior_.quantile(0.5)
        self.interval_ = self.credible_interval(self.level)
        self.samples_ = self._draw(np.random.default_rng(self.seed))
        self.models_ = self._top_models()
        self.warnings_ = self._warnings()
        return self

    def _extended_posterior(self, counts: FloatArray) -> tuple[Posterior, bool]:
        """Double the grid's upper end until the posterior beyond it is negligible, or the cap.

        The mass beyond is estimated as 3 times the mass in the grid's top quarter, which bounds
        it for tails as heavy as 1/N^2. Returns the posterior and whether it was cut at the cap.
        """
        observed = int(counts.sum())
        cap = (MAX_GRID_FACTOR - 1) * observed  # n0, so that N stops at the factor
        upper = min(max(4 * observed, _DENSE_UNSEEN), cap)
        while True:
            posterior = average_models(counts, self.delta_, unseen_grid(upper), self.log_prior)
            if posterior.beyond() < TAIL_MASS:
                return posterior, False
            if upper >= cap:
                return posterior, True
            upper = min(2 * upper, cap)

    def credible_interval(self, level: float = 0.95) -> Interval:
        """The equal-tailed interval holding `level` of the averaged posterior of N."""
        tail = (1.0 - level) / 2.0
        low, high = self.posterior_.quantile(tail), self.posterior_.quantile(1.0 - tail)
        return Interval("credible", level, low, high)

    def _draw(self, rng: np.random.Generator) -> FloatArray:
        """Draws of N: a grid point by its mass, then an integer among those it stands for."""
        posterior = self.posterior_
        points = rng.choice(posterior.totals.size, size=self.draws, p=posterior.mass)
        spread = posterior.widths[points] - 1.0
        return np.round(posterior.totals[points] + rng.uniform(-0.5, 0.5, self.draws) * spread)

    def _top_models(self) -> list[tuple[str, float]]:
        graphs = decomposable_graphs(len(self.lists_))
        order = np.argsort(-self.posterior_.model_probabilities, kind="stable")[: self.top]
        return [
            (
                clique_names(graphs.cliques[g], self.lists_),
                float(self.posterior_.model_probabilities[g]),
            )
            for g in order
        ]

    def summary(self) -> pd.DataFrame:
        """The averaged posterior of N and the most probable models, one row per quantity."""
        quantiles = [0.025, 0.25, 0.5, 0.75, 0.975]
        rows = {
            "observed": float(self.observed_),
            **{f"{100 * q:g}% quantile": self.posterior_.quantile(q) for q in quantiles},
            "models averaged": float(self.posterior_.model_probabilities.size),
            **{f"P({name})": probability for name, probability in self.models_},
        }
        return pd.DataFrame({"value": list(rows.values())}, index=pd.Index(rows, name="quantity"))

    def to_dict(self) -> dict[str, Any]:
        model = {
            "method": "bma",
            "delta": self.delta_,
            "models_averaged": int(self.posterior_.model_probabilities.size),
            "top_models": [
                {"interactions": name, "probability": round(probability, 4)}
                for name, probability in self.models_
            ],
            "largest_total_considered": float(self.posterior_.totals[-1]),
            "mass_beyond": float(f"{self.posterior_.beyond():.1e}"),
        }
        return estimate_as_dict(
            self.lists_, self.observed_, self.estimate_, self.interval_, model, self.warnings_
        )

    def _warnings(self) -> list[str]:
        warnings = [*self.table_.notes, *sparsity_warnings(self.table_)]
        if self.truncated_ and self.posterior_.beyond() >= TAIL_WARNING:
            warnings.append(
                f"the posterior of N was cut at {self.posterior_.totals[-1]:,.0f} "
                f"({MAX_GRID_FACTOR} times the observed count) with about "
                f"{self.posterior_.beyond():.0e} of it beyond: models that barely constrain "
                "the unseen carry weight, so the upper bound is too low"
            )
        if self.interval_.high > 20 * self.observed_:
            warnings.append(
                "the posterior of N is extremely wide: the lists overlap too little to tell "
                "invisible people from absent ones"
            )
        return warnings
