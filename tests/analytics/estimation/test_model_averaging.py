"""Is the model average over decomposable graphs right? Against the published example and by hand.

Madigan & York (1997, Biometrika 84:19-31, also in R dga's tests) give posterior figures for a
three-list table; the other checks recompute a graph's posterior by a separate formula.
"""

import numpy as np
import pandas as pd
import pytest
from scipy.special import gammaln

from palermo_analytics.estimation import (
    CaptureHistories,
    MethodSettings,
    ModelAveragingEstimator,
    estimate_with,
)
from palermo_analytics.estimation._decomposable import (
    check_list_count,
    clique_names,
    decomposable_graphs,
)
from palermo_analytics.estimation._model_averaging import (
    FloatArray,
    average_models,
    full_table,
    model_posterior,
    unseen_grid,
)

# Cells x000, x001, ..., x111 in lexicographic order; x000 (on no list) is unobserved.
MADIGAN_YORK = np.array([0, 60, 49, 4, 247, 112, 142, 12], dtype=np.float64)
A, B = 13.14, 55.17  # their negative-binomial prior on N


def negative_binomial(totals: FloatArray) -> FloatArray:
    return np.asarray(
        totals * np.log(B)
        - (totals + A) * np.log1p(B)
        + gammaln(totals + A)
        - gammaln(totals + 1)
        - gammaln(A),
        dtype=np.float64,
    )


def reversed_lists(counts: FloatArray) -> FloatArray:
    """The same table with the lists in the opposite order (first binary digit = first list)."""
    codes = np.arange(8)
    reversed_codes = ((codes & 1) << 2) | (codes & 2) | ((codes & 4) >> 2)
    out = np.empty(8)
    out[reversed_codes] = counts
    return out


@pytest.mark.parametrize("counts", [MADIGAN_YORK, reversed_lists(MADIGAN_YORK)])
def test_the_published_example_is_reproduced(counts: FloatArray) -> None:
    unseen = np.arange(1.0, 301.0)
    posterior = average_models(counts, 1.0, unseen, negative_binomial)
    best = int(np.argmax(posterior.model_probabilities))
    alone = model_posterior(counts, 1.0, unseen, best, negative_binomial)
    assert round(posterior.model_probabilities[best], 2) == 0.37
    assert round(alone.relative_loss_estimate()) == 731
    assert alone.mode() == 729
    assert round(posterior.relative_loss_estimate()) == 731
    assert posterior.mode() == 728
    # The best model has one interaction between two lists, the third independent of them.
    cliques = decomposable_graphs(3).cliques[best]
    assert sorted(bin(clique).count("1") for clique in cliques) == [1, 2]


def test_the_graphs_are_every_decomposable_graph() -> None:
    assert [len(decomposable_graphs(p)) for p in (3, 4, 5)] == [8, 61, 822]
    # The four-cycle is the smallest graph that is not decomposable: 64 graphs on 4, 61 chordal.
    names = {clique_names(c, ("A", "B", "C", "D")) for c in decomposable_graphs(4).cliques}
    assert "A:B, B:C, A:D, C:D" not in names  # the cycle A-B-C-D-A, cliques in bitmask order
    assert "A:B, B:C, C:D" in names  # the path A-B-C-D, named the same way
    assert "A:B:C, A:C:D" in names  # the cycle with a chord
    assert "none" in names
    assert "A:B:C:D" in names


def independence_by_hand(counts: FloatArray, delta: float, unseen: FloatArray) -> FloatArray:
    """Each list alone is a beta-binomial: on it or not, delta 2^(p-1) each, prior 1/N."""
    lists = 3
    codes = np.arange(counts.size)
    totals = counts.sum() + unseen
    alpha, half = delta * 2**lists, delta * 2 ** (lists - 1)
    log_post = -np.log(totals) + gammaln(totals + 1) - gammaln(unseen + 1)
    for i in range(lists):
        on = counts[(codes >> i) & 1 == 1].sum()
        log_post += (
            gammaln(alpha)
            - gammaln(alpha + totals)
            + gammaln(half + on)
            + gammaln(half + totals - on)
            - 2 * gammaln(half)
        )
    mass = np.exp(log_post - log_post.max())
    return np.asarray(mass / mass.sum(), dtype=np.float64)


def test_the_independence_graph_matches_a_direct_sum() -> None:
    unseen = np.arange(0.0, 2001.0)
    counts = np.array([0, 200, 150, 40, 120, 30, 25, 8], dtype=np.float64)
    independence = decomposable_graphs(3).cliques.index((1, 2, 4))
    mass = model_posterior(counts, 0.125, unseen, independence).mass
    assert mass == pytest.approx(independence_by_hand(counts, 0.125, unseen), abs=1e-12)
    # and it is not the average: the others carry weight on this table
    independent_median = model_posterior(counts, 0.125, unseen, independence).quantile(0.5)
    assert average_models(counts, 0.125, unseen).quantile(0.5) != independent_median


def test_the_complete_graph_learns_nothing_about_the_unseen_from_the_overlaps() -> None:
    """The saturated model fits any table exactly, so only the number seen moves its posterior."""
    unseen = np.arange(0.0, 3000.0)
    complete = len(decomposable_graphs(3)) - 1
    assert decomposable_graphs(3).cliques[complete] == (7,)
    one = np.array([0, 200, 150, 40, 120, 30, 25, 8], dtype=np.float64)
    other = np.array([0, 100, 100, 100, 100, 100, 60, 13], dtype=np.float64)
    mass = model_posterior(one, 0.125, unseen, complete).mass
    assert model_posterior(other, 0.125, unseen, complete).mass == pytest.approx(mass, abs=1e-12)
    # and under the 1/N prior its posterior decays like a power of N, not exponentially
    assert mass[-1] > 1e-6 * mass.max()


def six_lists(seed: int = 3) -> CaptureHistories:
    rng = np.random.default_rng(seed)
    captured = rng.random((2000, 6)) < 0.3
    return CaptureHistories.from_memberships(pd.DataFrame(captured, columns=list("ABCDEF")))


def test_six_lists_are_averaged_over_every_decomposable_graph() -> None:
    model = ModelAveragingEstimator(seed=1).fit(six_lists())
    assert model.posterior_.model_probabilities.size == 18154
    assert model.posterior_.model_probabilities.sum() == pytest.approx(1.0)
    # independent lists of capture probability 0.3: the independence model wins, N is 2,000
    assert model.models_[0][0] == "none"
    assert model.interval_.low <= 2000 <= model.interval_.high


@pytest.mark.parametrize(("lists", "advice"), [(7, "merge lists"), (2, "use main-effects")])
def test_too_many_or_too_few_lists_are_refused_saying_what_to_do(lists: int, advice: str) -> None:
    with pytest.raises(ValueError, match=advice):
        check_list_count(lists)
    table = CaptureHistories(
        tuple("ABCDEFG"[:lists]), np.arange(1, 2**lists, dtype=np.int64) % 7 + 1
    )
    with pytest.raises(ValueError, match=advice):
        ModelAveragingEstimator().fit(table)


def test_the_grid_is_extended_until_the_tail_is_negligible() -> None:
    # Independent lists that each see 5 % of 20,000: N is 7 times the 2,856 seen, and the grid
    # starts at 4 times.
    table = CaptureHistories(("A", "B", "C"), np.array([903, 903, 48, 903, 48, 48, 3]))
    model = ModelAveragingEstimator(seed=1).fit(table)
    assert model.posterior_.totals[-1] > 8 * table.observed
    assert not model.truncated_
    assert model.posterior_.beyond() < 1e-6
    assert model.interval_.low < 20_000 < model.interval_.high


def test_a_posterior_cut_at_the_cap_says_so() -> None:
    table = CaptureHistories(("A", "B", "C"), np.array([50, 40, 2, 30, 2, 1, 0]))
    model = ModelAveragingEstimator(seed=1).fit(table)
    assert model.truncated_
    assert model.posterior_.totals[-1] == 100 * table.observed
    assert any("was cut at 12,500" in warning for warning in model.warnings_)


def test_the_sparse_grid_agrees_with_every_integer() -> None:
    counts = full_table(CaptureHistories(("A", "B", "C"), np.array([900, 700, 60, 800, 50, 45, 9])))
    dense = average_models(counts, 0.125, np.arange(0.0, 8001.0))
    sparse = average_models(counts, 0.125, unseen_grid(8000))
    assert sparse.totals.size < 4000
    for q in (0.025, 0.5, 0.975):
        assert sparse.quantile(q) == pytest.approx(dense.quantile(q), rel=2e-3)


def test_draws_are_seeded_and_follow_the_posterior() -> None:
    table = CaptureHistories(("A", "B", "C"), np.array([900, 700, 60, 800, 50, 45, 9]))
    first = ModelAveragingEstimator(seed=5).fit(table)
    again = ModelAveragingEstimator(seed=5).fit(table)
    assert np.array_equal(first.samples_, again.samples_)
    assert np.median(first.samples_) == pytest.approx(first.estimate_, rel=0.02)
    assert first.interval_.low < first.estimate_ < first.interval_.high
    assert sum(probability for _, probability in first.models_) <= 1.0
    summary = first.summary()["value"]
    assert summary["50% quantile"] == first.estimate_
    assert summary["models averaged"] == 8
    assert summary[f"P({first.models_[0][0]})"] == first.models_[0][1]


def test_bma_is_a_method_with_draws_and_a_dictionary() -> None:
    table = CaptureHistories(("A", "B", "C"), np.array([900, 700, 60, 800, 50, 45, 9]))
    result = estimate_with("bma", table, MethodSettings(seed=2, level=0.9))
    assert result.method == "bma"
    assert result.interval.level == 0.9
    assert result.draws.size == 4000
    assert "Madigan & York" in result.assumptions
    model = ModelAveragingEstimator(seed=2).fit(table).to_dict()
    assert list(model) == ["lists", "observed", "estimate", "interval", "model", "warnings"]
    assert model["model"]["method"] == "bma"
    assert model["model"]["models_averaged"] == 8
    assert len(model["model"]["top_models"]) == 5
