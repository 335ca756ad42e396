"""The "heterogeneity" method: every admissible pair plus Rcapture's Poisson term 2^k - 1."""

import numpy as np
import pytest
import statsmodels.api as sm

from palermo_analytics.estimation import (
    MethodSettings,
    MultipleSystemsEstimator,
    estimate_with,
    read_capture_histories,
)
from palermo_analytics.estimation._bootstrap import estimate_total, estimate_totals, resample
from palermo_analytics.estimation._design import cell_memberships, full_design
from tests.analytics.estimation.heterogeneous import heterogeneous_histories
from tests.analytics.estimation.tables import fixture_table


def _design_by_hand(t: int) -> np.ndarray:
    """Intercept, main effects, every pair, then 2^k - 1, written out without the library."""
    on = cell_memberships(t).astype(float)
    pairs = [on[:, i] * on[:, j] for i in range(t) for j in range(i + 1, t)]
    return np.column_stack([np.ones(len(on)), on, *pairs, 2.0 ** on.sum(axis=1) - 1])


def test_the_full_design_ends_with_the_heterogeneity_term() -> None:
    for t in (3, 5):
        assert np.array_equal(full_design(t), _design_by_hand(t))


def test_the_estimate_is_statsmodels_poisson_fit_of_that_design() -> None:
    table = read_capture_histories(heterogeneous_histories(4000, seed=5))
    counts = table.cell_counts.astype(np.float64)
    assert (counts > 0).all()  # no pair is dropped, so the whole design is fitted

    ours = MultipleSystemsEstimator("heterogeneity").fit(table)
    theirs = sm.GLM(counts, _design_by_hand(5), family=sm.families.Poisson()).fit(tol=1e-12)

    assert ours.estimate_ == pytest.approx(counts.sum() + np.exp(theirs.params[0]), rel=1e-6)
    summary = ours.summary()
    assert summary.index[-1] == "heterogeneity (2^k - 1)"
    assert summary["coefficient"].to_numpy() == pytest.approx(theirs.params, rel=1e-5, abs=1e-8)
    assert ours.to_dict()["model"]["heterogeneity_term"] is True
    assert (
        MultipleSystemsEstimator("all-pairs").fit(table).to_dict()["model"]["heterogeneity_term"]
        is False
    )


def test_it_reads_the_excess_on_many_lists_as_visibility() -> None:
    # Most people hard to find: two-list interactions alone fall short of the 6,000; the term
    # raises the estimate and its interval reaches the truth.
    table = read_capture_histories(heterogeneous_histories(6000, seed=2))
    pairs_only = MultipleSystemsEstimator("all-pairs").fit(table)
    with_term = MultipleSystemsEstimator("heterogeneity").fit(table)
    assert pairs_only.estimate_ < with_term.estimate_
    assert pairs_only.normal_interval().high < 6000 <= with_term.normal_interval().high


@pytest.mark.parametrize("dataset", ["uk_2013_5lists", "artificial_3lists"])
def test_each_resampled_table_gets_the_estimate_it_gets_alone(dataset: str) -> None:
    table = fixture_table(dataset)
    t = len(table.lists)
    rows = resample(table.cell_counts, 200, seed=11)
    alone = np.array([estimate_total(row.astype(float), t, "heterogeneity", 0.02) for row in rows])

    together = estimate_totals(rows, t, "heterogeneity", 0.02)

    # A replicate whose MLE does not exist drifts towards infinity (10^20 people), and the two
    # paths stop at different points on the way; everywhere else they agree to rounding.
    exists = np.isfinite(alone) & (alone < 1e6)
    assert exists.mean() > 0.9
    assert together[exists] == pytest.approx(alone[exists], rel=1e-4)


def test_the_bootstrap_refits_the_term_on_every_replicate() -> None:
    table = fixture_table("uk_2013_5lists")
    every = MultipleSystemsEstimator("all-pairs").fit(table).bootstrap(50, seed=3, workers=1)
    term = MultipleSystemsEstimator("heterogeneity").fit(table).bootstrap(50, seed=3, workers=1)
    assert not np.allclose(every.replicates, term.replicates, equal_nan=True)


def test_a_model_without_an_estimate_says_so_through_estimate_with() -> None:
    # On the 3-list table, list C overlaps neither other list: with the term, the MLE does not
    # exist (code 1), and the comparison's result carries that for the report's warning.
    table = fixture_table("artificial_3lists")
    result = estimate_with("heterogeneity", table, MethodSettings(replicates=20, seed=1))
    assert result.existence_code == 1
    assert (
        estimate_with("all-pairs", table, MethodSettings(replicates=20, seed=1)).existence_code == 0
    )
