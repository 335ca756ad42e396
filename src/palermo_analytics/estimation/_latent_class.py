"""Bayesian non-parametric latent-class capture-recapture (Manrique-Vallier 2016, R's LCMCR).

People differ in how visible they are. The model lets the population be a mixture of classes,
within each of which the lists capture independently; a truncated stick-breaking Dirichlet process
chooses how many classes the data support. The Gibbs sampler works on pattern counts rather than on
people, so a sweep costs the same for 200 or 200,000 people:

1. the unseen count n0 is drawn given the model (data augmentation of the all-zero pattern);
2. each pattern's people, and the n0 unseen, are shared out among the classes (multinomial);
3. each class's capture probabilities are drawn from their Beta posteriors;
4. the stick-breaking weights and the Dirichlet concentration are drawn.

With the prior p(N) proportional to 1/N (Manrique-Vallier's default), n0 given the rest is negative
binomial: the failures before `observed` successes of probability 1 - P(on no list).
"""

import math
from collections.abc import Callable
from typing import Any, Self

import numpy as np
import pandas as pd

from palermo_analytics.estimation._design import FloatArray, cell_memberships
from palermo_analytics.estimation._reporting import Interval, estimate_as_dict
from palermo_analytics.estimation._table import (
    CaptureHistories,
    TableSource,
    read_capture_histories,
)
from palermo_analytics.estimation._warnings import sparsity_warnings

Progress = Callable[[int, int], None]

# Below this effective number of independent draws of N, the interval's ends are themselves noisy.
_MIN_EFFECTIVE_DRAWS = 200
_TINY = 1e-12
_REPORT_EVERY = 250
# Gelman-Rubin: chains whose split R-hat exceeds this have not found the same distribution.
_MAX_R_HAT = 1.1


class LatentClassEstimator:
    """Posterior of the population size under a latent-class (heterogeneous capture) model.

    max_classes: truncation of the Dirichlet process (LCMCR's K*, default 10). iterations and
    burn_in: Gibbs sweeps kept and discarded per chain; thinning: keep every n-th kept sweep;
    chains: independent chains (from one seed), compared to detect a sampler stuck in one mode
    of a multimodal posterior, as happens on sparse tables. alpha_prior:
    Gamma(shape, rate) prior of the concentration (LCMCR's 0.25, 0.25). The estimate is the
    posterior median; the interval is the equal-tailed credible interval.
    """

    def __init__(
        self,
        max_classes: int = 10,
        *,
        iterations: int = 5_000,
        burn_in: int = 2_000,
        thinning: int = 5,
        chains: int = 2,
        alpha_prior: tuple[float, float] = (0.25, 0.25),
        seed: int | None = None,
        level: float = 0.95,
    ) -> None:
        if max_classes < 1:
            raise ValueError(f"max_classes must be at least 1, got {max_classes}")
        if iterations < 10 or burn_in < 0 or thinning < 1:
            raise ValueError(
                "iterations must be at least 10, burn_in 0 or more, thinning 1 or more"
            )
        if chains < 1:
            raise ValueError(f"chains must be at least 1, got {chains}")
        if not 0.0 < level < 1.0:
            raise ValueError(f"level must be between 0 and 1, got {level}")
        self.max_classes = max_classes
        self.iterations = iterations
        self.burn_in = burn_in
        self.thinning = thinning
        self.chains = chains
        self.alpha_prior = alpha_prior
        self.seed = seed
        self.level = level

    def fit(self, source: TableSource, progress: Progress | None = None) -> Self:
        """Run the Gibbs sampler; `source` is a CaptureHistories, a DataFrame or a CSV path.

        `progress(done, total)` is called every few hundred sweeps, counting every chain's.
        """
        table = read_capture_histories(source)
        seeds = np.random.SeedSequence(self.seed).spawn(self.chains)
        per_chain = self.burn_in + max(self.iterations // self.thinning, 2) * self.thinning
        runs = [
            self._run_chain(
                table, np.random.default_rng(seed), _Ticker(progress, n, per_chain, self.chains)
            )
            for n, seed in enumerate(seeds)
        ]
        totals = np.concatenate([run[0] for run in runs])
        self.table_ = table
        self.lists_ = table.lists
        self.observed_ = table.observed
        self.samples_ = totals
        self.estimate_ = float(np.median(totals))
        self.mean_ = float(np.mean(totals))
        self.interval_ = self.credible_interval(self.level)
        self.occupied_classes_ = float(np.mean(np.concatenate([run[1] for run in runs])))
        self.effective_draws_ = sum(effective_sample_size(run[0]) for run in runs)
        self.r_hat_ = split_r_hat([run[0] for run in runs])
        self.warnings_ = self._warnings()
        return self

    def _run_chain(
        self, table: CaptureHistories, rng: np.random.Generator, ticker: "_Ticker"
    ) -> tuple[FloatArray, FloatArray]:
        """One chain's kept draws of N and of the number of occupied classes."""
        sampler = _GibbsSampler(
            cell_memberships(len(table.lists)).astype(np.float64),
            table.cell_counts.astype(np.float64),
            self.max_classes,
            self.alpha_prior,
            rng,
        )
        for _ in range(self.burn_in):
            sampler.sweep()
            ticker.tick()
        kept = max(self.iterations // self.thinning, 2)
        totals = np.empty(kept)
        classes = np.empty(kept)
        for draw in range(kept):
            for _ in range(self.thinning):
                sampler.sweep()
                ticker.tick()
            totals[draw] = table.observed + sampler.unseen
            classes[draw] = sampler.occupied_classes()
        return totals, classes

    def credible_interval(self, level: float = 0.95) -> Interval:
        """The equal-tailed interval holding `level` of the posterior of N."""
        tail = (1.0 - level) / 2.0
        low, high = np.quantile(self.samples_, [tail, 1.0 - tail])
        return Interval("credible", level, float(low), float(high))

    def summary(self) -> pd.DataFrame:
        """The posterior of N and how well the sampler explored it, one row per quantity."""
        quantiles = np.quantile(self.samples_, [0.025, 0.25, 0.5, 0.75, 0.975])
        rows = {
            "observed": float(self.observed_),
            "posterior mean": self.mean_,
            "posterior sd": float(np.std(self.samples_)),
            **{
                f"{q:g}% quantile": float(v)
                for q, v in zip([2.5, 25, 50, 75, 97.5], quantiles, strict=True)
            },
            "occupied classes (mean)": self.occupied_classes_,
            "effective draws of N": self.effective_draws_,
            "R-hat of N": self.r_hat_,
            "draws kept": float(self.samples_.size),
        }
        return pd.DataFrame({"value": list(rows.values())}, index=pd.Index(rows, name="quantity"))

    def to_dict(self) -> dict[str, Any]:
        model = {
            "method": "latent-class",
            "max_classes": self.max_classes,
            "occupied_classes": round(self.occupied_classes_, 2),
            "draws": int(self.samples_.size),
            "effective_draws": round(self.effective_draws_),
            "r_hat": round(self.r_hat_, 3),
        }
        return estimate_as_dict(
            self.lists_, self.observed_, self.estimate_, self.interval_, model, self.warnings_
        )

    def _warnings(self) -> list[str]:
        warnings = [*self.table_.notes, *sparsity_warnings(self.table_)]
        if self.effective_draws_ < _MIN_EFFECTIVE_DRAWS:
            warnings.append(
                f"the sampler mixed slowly: {self.effective_draws_:.0f} effective draws of N; "
                "run more iterations"
            )
        if self.chains > 1 and self.r_hat_ > _MAX_R_HAT:
            warnings.append(
                f"the chains disagree (R-hat {self.r_hat_:.2f} > {_MAX_R_HAT}): the posterior of N "
                "has several modes and this interval may miss some; run more iterations"
            )
        if self.interval_.high > 20 * self.observed_:
            warnings.append(
                "the posterior of N is extremely wide: the lists overlap too little to tell "
                "invisible people from absent ones"
            )
        return warnings


class _Ticker:
    """Counts one chain's sweeps and reports them, as part of all chains', every _REPORT_EVERY."""

    def __init__(self, progress: Progress | None, chain: int, per_chain: int, chains: int) -> None:
        self._progress = progress
        self._done = chain * per_chain
        self._total = chains * per_chain
        self._end = (chain + 1) * per_chain

    def tick(self) -> None:
        if self._progress is None:
            return
        self._done += 1
        if self._done % _REPORT_EVERY == 0 or self._done == self._end:
            self._progress(self._done, self._total)


class _GibbsSampler:
    """The state of the chain: class weights, capture probabilities, concentration, unseen count."""

    def __init__(
        self,
        memberships: FloatArray,
        counts: FloatArray,
        classes: int,
        alpha_prior: tuple[float, float],
        rng: np.random.Generator,
    ) -> None:
        used = counts > 0
        # The observed non-empty patterns, then the all-zero pattern of the unseen last.
        self._patterns = np.vstack([memberships[used], np.zeros(memberships.shape[1])])
        self._counts = np.append(counts[used], 0.0).astype(np.int64)
        self._observed = int(counts.sum())
        self._classes = classes
        self._alpha_prior = alpha_prior
        self._rng = rng
        self._alpha = 1.0
        self._weights = np.full(classes, 1.0 / classes)
        # Start every class near the lists' observed capture rates, spread a little.
        rates = memberships.T @ counts / (2.0 * self._observed)
        spread = rng.uniform(0.5, 1.5, (rates.size, classes))
        self._capture = np.minimum(rates[:, None] * spread, 0.99)
        self.unseen = self._observed
        self._sizes = np.zeros(classes)

    def sweep(self) -> None:
        self._draw_unseen()
        allocation = self._draw_allocation()
        self._sizes = allocation.sum(axis=0)
        on_list = self._patterns.T @ allocation  # lists by classes: people captured
        self._capture = self._rng.beta(1.0 + on_list, 1.0 + self._sizes - on_list)
        self._draw_weights()

    def occupied_classes(self) -> int:
        return int(np.count_nonzero(self._sizes))

    def _draw_unseen(self) -> None:
        missed = float(self._weights @ np.prod(1.0 - self._capture, axis=0))
        seen = min(max(1.0 - missed, _TINY), 1.0)
        self.unseen = int(self._rng.negative_binomial(self._observed, seen))
        self._counts[-1] = self.unseen

    def _draw_allocation(self) -> FloatArray:
        log_on = np.log(np.maximum(self._capture, _TINY))
        log_off = np.log(np.maximum(1.0 - self._capture, _TINY))
        prior = log_off.sum(axis=0) + np.log(np.maximum(self._weights, _TINY))
        log_p = self._patterns @ (log_on - log_off) + prior
        p = np.exp(log_p - log_p.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        return self._rng.multinomial(self._counts, p).astype(np.float64)

    def _draw_weights(self) -> None:
        later = np.cumsum(self._sizes[::-1])[::-1] - self._sizes  # people in classes after k
        sticks = self._rng.beta(1.0 + self._sizes[:-1], self._alpha + later[:-1])
        sticks = np.minimum(np.maximum(sticks, _TINY), 1.0 - _TINY)
        left = np.concatenate([[1.0], np.cumprod(1.0 - sticks)])
        self._weights = np.append(sticks, 1.0) * left
        shape, rate = self._alpha_prior
        self._alpha = self._rng.gamma(
            shape + self._classes - 1, 1.0 / (rate - np.log1p(-sticks).sum())
        )


def effective_sample_size(draws: FloatArray) -> float:
    """Draws over the integrated autocorrelation time, summed until the autocorrelation dies out."""
    n = draws.size
    centred = draws - draws.mean()
    variance = float(centred @ centred) / n
    if variance == 0.0:
        return float(n)
    spectrum = np.fft.rfft(centred, 2 * n)
    autocorrelation = np.fft.irfft(spectrum * np.conj(spectrum))[:n] / (n * variance)
    total = 1.0
    for lag in range(1, n):
        if autocorrelation[lag] <= 0.0:
            break
        total += 2.0 * autocorrelation[lag]
    return float(n / total) if math.isfinite(total) else 0.0


def split_r_hat(chains: list[FloatArray]) -> float:
    """Gelman-Rubin's potential scale reduction on chains cut in halves (1.0: they agree)."""
    halves = [half for chain in chains for half in np.array_split(chain, 2)]
    length = min(half.size for half in halves)
    draws = np.array([half[:length] for half in halves])
    within = float(np.mean(draws.var(axis=1, ddof=1)))
    between = float(length * draws.mean(axis=1).var(ddof=1))
    if within == 0.0:
        return 1.0 if between == 0.0 else math.inf
    pooled = (length - 1) / length * within + between / length
    return math.sqrt(pooled / within)
