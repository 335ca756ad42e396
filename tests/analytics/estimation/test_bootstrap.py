"""The bootstrap: BCa arithmetic, a seed's determinism, progress, and SparseMSE's interval."""

from typing import Any

import numpy as np
import pytest
from scipy.stats import norm

from palermo_analytics.estimation import MultipleSystemsEstimator
from palermo_analytics.estimation._bootstrap import estimate_total, jackknife_tables, resample
from palermo_analytics.estimation._estimator import _bootstrap_result
from palermo_analytics.estimation._intervals import bca_interval, jackknife_acceleration
from tests.analytics.estimation.tables import fixture_table


def test_type_8_quantiles_and_no_adjustment_give_the_percentile_interval() -> None:
    replicates = np.arange(1.0, 101.0)  # 50 below 50.5, 50 above: no bias
    jackknife = np.array([1.0, 2.0, 3.0])  # symmetric: no acceleration
    interval = bca_interval(50.5, replicates, jackknife, np.ones(3), level=0.9)
    assert interval.bias_correction == pytest.approx(0.0)
    assert interval.acceleration == pytest.approx(0.0)
    # R: quantile(1:100, c(0.05, 0.95), type = 8) gives 5.35 and 95.65
    assert (interval.low, interval.high) == pytest.approx((5.35, 95.65))


def test_bias_correction_moves_both_ends() -> None:
    replicates = np.arange(1.0, 101.0)
    interval = bca_interval(30.5, replicates, np.array([1.0, 2.0, 3.0]), np.ones(3), level=0.9)
    z0 = norm.ppf(0.3)
    assert interval.bias_correction == pytest.approx(z0)
    assert interval.adjusted_levels[0] == pytest.approx(norm.cdf(2 * z0 + norm.ppf(0.05)))


def test_acceleration_weights_each_pattern_by_its_people() -> None:
    estimates, weights = np.array([10.0, 12.0, 20.0]), np.array([5.0, 3.0, 1.0])
    deviations = np.average(estimates, weights=weights) - estimates
    expected = np.sum(weights * deviations**3) / (6 * np.sum(weights * deviations**2) ** 1.5)
    assert jackknife_acceleration(estimates, weights) == pytest.approx(expected)
    assert jackknife_acceleration(np.full(3, 7.0), weights) == 0.0


def test_jackknife_removes_one_person_from_each_non_empty_pattern() -> None:
    counts = np.array([3, 0, 1, 2])
    tables, weights = jackknife_tables(counts)
    assert tables.tolist() == [[2, 0, 1, 2], [3, 0, 0, 2], [3, 0, 1, 1]]
    assert weights.tolist() == [3.0, 1.0, 2.0]


def test_resampling_keeps_the_number_of_people_and_never_invents_patterns() -> None:
    counts = fixture_table("new_orleans_8lists").cell_counts
    tables = resample(counts, 50, seed=2)
    assert (tables.sum(axis=1) == counts.sum()).all()
    assert (tables[:, counts == 0] == 0).all()


def test_a_list_left_empty_by_resampling_is_set_aside() -> None:
    table = fixture_table("uk_2013_5lists")
    counts = table.cell_counts.astype(np.float64)
    without_la = counts.copy()
    without_la[0::2] = 0  # odd codes are the patterns that include LA (bit 0)
    reduced = without_la[1::2]  # the same people, as a table of the four other lists
    assert estimate_total(without_la, 5, "stepwise", 0.02) == pytest.approx(
        estimate_total(reduced, 4, "stepwise", 0.02)
    )


def test_a_seed_gives_the_same_interval_whatever_the_number_of_workers() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("uk_2013_5lists"))
    alone = estimator.bootstrap(40, seed=7, workers=1)
    shared = estimator.bootstrap(40, seed=7, workers=2)
    assert np.array_equal(alone.replicates, shared.replicates)
    assert alone.interval == shared.interval


def test_progress_counts_replicates_up_to_the_total() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("artificial_3lists"))
    reports: list[tuple[int, int]] = []
    estimator.bootstrap(
        30, seed=1, workers=1, progress=lambda done, total: reports.append((done, total))
    )
    assert reports[-1] == (30, 30)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert {total for _, total in reports} == {30}


def test_too_few_replicates_are_refused() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("artificial_3lists"))
    with pytest.raises(ValueError, match="at least 2"):
        estimator.bootstrap(1)


@pytest.mark.slow
def test_uk_bca_interval_is_close_to_sparsemse(reference: dict[str, Any]) -> None:
    """1000 replicates, as in R. Both ends rest on a few extreme replicates: over 20 seeds the
    lower end ranged 8,922-9,447 and the upper 14,505-16,033 against R's (8,785, 14,700), so the
    tolerance is 10% rather than the 5% a central quantile would allow."""
    estimator = MultipleSystemsEstimator().fit(fixture_table("uk_2013_5lists"))
    result = estimator.bootstrap(1000, seed=2024, workers=2)
    expected_low, expected_high = reference["uk_2013_5lists"]["stepwise"]["bca_95"]
    assert result.interval.low == pytest.approx(expected_low, rel=0.10)
    assert result.interval.high == pytest.approx(expected_high, rel=0.10)
    assert result.interval.low < estimator.estimate_ < result.interval.high
    # R's 1,000 replicates are too few: the lower bound is read where 3 replicates lie beyond it.
    assert any("the lower bound is read at the 0." in warning for warning in result.warnings)


def test_failed_replicates_are_left_out_and_reported() -> None:
    replicates = np.array([np.nan, *np.arange(1.0, 101.0)])
    result = _bootstrap_result(50.5, replicates, np.array([1.0, 2.0]), np.ones(2), 0.9)
    assert result.interval.low == pytest.approx(5.35)
    assert result.warnings[0] == (
        "unstable bootstrap: 1 of 101 replicates gave no estimate and were left out"
    )


def test_replicates_all_on_one_side_give_no_interval_and_say_so() -> None:
    result = _bootstrap_result(0.5, np.arange(1.0, 11.0), np.array([1.0, 2.0]), np.ones(2), 0.9)
    assert result.interval.to_dict()["low"] is None
    assert result.warnings == [
        "unstable bootstrap: no BCa interval, every replicate fell on one side of the estimate"
    ]


def test_an_interval_at_the_most_extreme_replicate_is_flagged() -> None:
    replicates = np.arange(1.0, 21.0)
    result = _bootstrap_result(10.5, replicates, np.array([1.0, 2.0]), np.ones(2), 0.99)
    assert any("most extreme replicate" in warning for warning in result.warnings)


def test_each_bound_has_a_monte_carlo_error_that_shrinks_with_more_replicates() -> None:
    rng = np.random.default_rng(3)
    jackknife = np.array([1.0, 2.0])
    few = _bootstrap_result(100.0, rng.normal(100, 10, 500), jackknife, np.ones(2), 0.95)
    many = _bootstrap_result(100.0, rng.normal(100, 10, 8000), jackknife, np.ones(2), 0.95)
    assert all(error > 0 for error in few.monte_carlo_error)
    # The error of a quantile falls as one over the square root of the replicates: 4 times less.
    for small, large in zip(many.monte_carlo_error, few.monte_carlo_error, strict=True):
        assert 2.5 < large / small < 6.5
    assert many.to_dict()["replicates"] == 8000


def test_a_bound_read_beyond_few_replicates_is_flagged_with_its_error() -> None:
    replicates = np.arange(1.0, 201.0)
    result = _bootstrap_result(100.5, replicates, np.array([1.0, 2.0]), np.ones(2), 0.98)
    assert any(
        "the lower bound is read at the 1.00% level, beyond which lie only 2 of 200" in warning
        for warning in result.warnings
    )


def test_without_a_number_replicates_are_added_until_the_bounds_are_steady() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("artificial_3lists"))
    result = estimator.bootstrap(seed=3, workers=1)
    assert result.replicates.size in (1000, 2000, 4000, 8000)
    assert result.relative_error <= 0.02 or result.replicates.size == 8000
    # The first 1,000 are the replicates an explicit 1,000 gives: batches continue one sequence.
    fixed = estimator.bootstrap(1000, seed=3, workers=1)
    np.testing.assert_array_equal(result.replicates[:1000], fixed.replicates)
