"""Properties that hold for any table, and recovery of a known total from simulated tables."""

from random import Random

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from palermo_analytics.estimation import CaptureHistories, MultipleSystemsEstimator
from palermo_analytics.estimation._design import full_design, model_columns


@st.composite
def tables(draw: st.DrawFn) -> CaptureHistories:
    """Tables of 3 or 4 lists with every list used: small counts and plenty of empty patterns."""
    t = draw(st.integers(3, 4))
    counts = draw(st.lists(st.integers(0, 60) | st.just(0), min_size=2**t - 1, max_size=2**t - 1))
    cell_counts = np.array(counts, dtype=np.int64)
    codes = np.arange(1, 2**t)
    assume(all(cell_counts[(codes >> i) & 1 == 1].sum() > 0 for i in range(t)))
    return CaptureHistories(tuple("ABCD"[:t]), cell_counts)


def _permuted(table: CaptureHistories, order: list[int]) -> CaptureHistories:
    """The same people with the lists in another order."""
    codes = np.arange(1, table.cell_counts.size + 1)
    new_codes = sum(((codes >> old) & 1) << new for new, old in enumerate(order))
    cell_counts = np.zeros_like(table.cell_counts)
    cell_counts[new_codes - 1] = table.cell_counts
    return CaptureHistories(tuple(table.lists[old] for old in order), cell_counts)


def _has_near_tie(estimator: MultipleSystemsEstimator) -> bool:
    """Two candidates with (nearly) the smallest p-value: then list order breaks the tie."""
    for step in estimator.steps_:
        smallest = sorted(step.p_values.values())[:2]
        if len(smallest) == 2 and np.isclose(smallest[0], smallest[1], rtol=1e-6, atol=0):
            return True
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tables())
def test_the_estimate_is_at_least_the_number_observed(table: CaptureHistories) -> None:
    estimator = MultipleSystemsEstimator().fit(table)
    assert estimator.estimate_ >= estimator.observed_


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tables(), st.randoms(use_true_random=False))
def test_the_order_of_the_lists_does_not_change_the_estimate(
    table: CaptureHistories, shuffler: Random
) -> None:
    original = MultipleSystemsEstimator().fit(table)
    assume(original.existence_code_ == 0 and original.converged_ and not _has_near_tie(original))
    order = list(range(len(table.lists)))
    shuffler.shuffle(order)
    permuted = MultipleSystemsEstimator().fit(_permuted(table, order))
    assert permuted.estimate_ == pytest.approx(original.estimate_, rel=1e-6)
    pairs = {frozenset(name.split(":")) for name in original.interactions_}
    assert {frozenset(name.split(":")) for name in permuted.interactions_} == pairs


def _simulated_table(generator: np.random.Generator, total: int) -> tuple[CaptureHistories, int]:
    """Four lists, main effects and an A:B interaction; returns the table and the true total."""
    t = 4
    design = full_design(t)[:, model_columns(t, (0,))]  # A:B is pair 0
    coefficients = np.array([0.0, -1.2, -1.5, -0.8, -2.0, 1.0])
    weights = np.concatenate([[1.0], np.exp(design @ coefficients)])  # cell 0: on no list
    people = generator.multinomial(total, weights / weights.sum())
    return CaptureHistories(("A", "B", "C", "D"), people[1:].astype(np.int64)), total


def test_a_simulated_total_is_within_its_interval_most_of_the_time() -> None:
    generator = np.random.default_rng(20240601)
    simulations, covered = 200, 0
    for _ in range(simulations):
        table, total = _simulated_table(generator, 2000)
        interval = MultipleSystemsEstimator().fit(table).normal_interval(0.95)
        covered += interval.low <= total <= interval.high
    assert covered / simulations >= 0.85
