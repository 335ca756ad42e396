"""Is the latent-class Gibbs sampler right? Checks against exact answers, not against itself.

With one class the model is the independence model with uniform priors on each list's capture
probability and p(N) proportional to 1/N; its posterior of N has a closed form (the capture
probabilities integrate out into Beta functions), so the sampler's quantiles can be compared with
exact ones. With several classes there is no closed form, so the sampler is run on populations
drawn from the model itself (two well-separated latent classes, five lists, lists independent
within a class) and must hold the true N. With half the people in a class that each list
captures only about 0.15, it does not always: docs/estimation.md gives that limit and its cause.
"""

import numpy as np
import pandas as pd
import pytest
from scipy.special import betaln, gammaln

from palermo_analytics.estimation import CaptureHistories, LatentClassEstimator
from palermo_analytics.estimation._design import cell_memberships
from tests.analytics.estimation.tables import fixture_table, sparsemse_reference


def exact_one_class_quantiles(table: CaptureHistories, levels: list[float]) -> list[float]:
    """Quantiles of p(N | table) ∝ (1/N) N!/(N-n)! Π_j B(1 + n_j, 1 + N - n_j)."""
    counts = table.cell_counts
    observed = int(counts.sum())
    on_each_list = cell_memberships(len(table.lists)).T @ counts
    sizes = np.arange(observed, 40 * observed)
    log_posterior = -np.log(sizes) + gammaln(sizes + 1) - gammaln(sizes - observed + 1)
    for on_list in on_each_list:
        log_posterior += betaln(1 + on_list, 1 + sizes - on_list)
    cumulative = np.cumsum(np.exp(log_posterior - log_posterior.max()))
    cumulative /= cumulative[-1]
    return [float(sizes[np.searchsorted(cumulative, level)]) for level in levels]


@pytest.mark.parametrize("name", ["uk_2013_5lists", "new_orleans_8lists"])
def test_with_one_class_the_sampler_draws_the_exact_posterior_of_n(name: str) -> None:
    table = fixture_table(name)
    levels = [0.025, 0.5, 0.975]
    model = LatentClassEstimator(1, burn_in=500, iterations=4000, thinning=1, seed=4).fit(table)
    drawn = np.quantile(model.samples_, levels)
    for sampled, exact in zip(drawn, exact_one_class_quantiles(table, levels), strict=True):
        assert sampled == pytest.approx(exact, rel=0.03)


def test_with_one_class_the_uk_posterior_is_near_sparsemse_main_effects_fit() -> None:
    # One class is the main-effects model; on the UK table the data outweigh the priors, so the
    # posterior median sits near SparseMSE's maximum-likelihood figure and the intervals agree.
    # (The uniform priors on capture probabilities pull N down a little: 1-2 % here.)
    reference = sparsemse_reference()["uk_2013_5lists"]["main_effects"]
    model = LatentClassEstimator(1, burn_in=500, iterations=4000, thinning=1, seed=5)
    model.fit(fixture_table("uk_2013_5lists"))
    assert model.estimate_ == pytest.approx(reference["estimate"], rel=0.03)
    assert model.interval_.low == pytest.approx(reference["normal_95"][0], rel=0.03)
    assert model.interval_.high == pytest.approx(reference["normal_95"][1], rel=0.03)


def latent_class_world(
    population: int,
    seed: int,
    shares: tuple[float, ...] = (0.6, 0.4),
    centres: tuple[float, ...] = (0.3, 0.7),
) -> pd.DataFrame:
    """Latent classes of the given shares; each list captures near its class's centre (±30 %)."""
    rng = np.random.default_rng(seed)
    classes = rng.choice(len(shares), size=population, p=shares)
    wobble = rng.uniform(0.7, 1.3, (len(centres), 5))
    capture = np.clip(np.array(centres)[:, None] * wobble, 0.01, 0.95)
    captured = rng.random((population, 5)) < capture[classes]
    seen = pd.DataFrame(captured[captured.any(axis=1)].astype(int), columns=list("ABCDE"))
    return seen.value_counts().rename("count").reset_index()


@pytest.mark.parametrize(("population", "seed"), [(2000, 1), (8000, 2)])
def test_the_sampler_holds_n_on_a_world_drawn_from_its_own_model(
    population: int, seed: int
) -> None:
    model = LatentClassEstimator(seed=seed).fit(latent_class_world(population, seed))
    assert model.interval_.low < population < model.interval_.high
    assert model.estimate_ == pytest.approx(population, rel=0.15)
    assert model.r_hat_ < 1.1
