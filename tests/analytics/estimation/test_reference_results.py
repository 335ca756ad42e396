"""The estimates match SparseMSE's (R) on the reference tables."""

from typing import Any

import pytest

from palermo_analytics.estimation import Method, MultipleSystemsEstimator
from tests.analytics.estimation.tables import fixture_table

SELECTED_BY_STEPWISE = {
    "uk_2013_5lists": ["LA:NG", "LA:PFNCA", "NG:GO", "NG:GP", "PFNCA:GP", "GO:GP"],
    "new_orleans_8lists": ["D:E"],
    "artificial_3lists": [],
}
CASES = [
    ("uk_2013_5lists", "stepwise"),
    ("uk_2013_5lists", "main_effects"),
    ("new_orleans_8lists", "stepwise"),
    ("new_orleans_8lists", "main_effects"),
]


def _fit(dataset: str, model: str) -> MultipleSystemsEstimator:
    method: Method = "stepwise" if model == "stepwise" else "main-effects"
    return MultipleSystemsEstimator(method).fit(fixture_table(dataset))


@pytest.mark.parametrize(("dataset", "model"), [*CASES, ("artificial_3lists", "stepwise")])
def test_point_estimate_matches_sparsemse(
    dataset: str, model: str, reference: dict[str, Any]
) -> None:
    expected = reference[dataset][model]["estimate"]
    assert _fit(dataset, model).estimate_ == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(("dataset", "model"), CASES)
def test_normal_interval_matches_sparsemse(
    dataset: str, model: str, reference: dict[str, Any]
) -> None:
    interval = _fit(dataset, model).normal_interval(0.95)
    expected_low, expected_high = reference[dataset][model]["normal_95"]
    assert (interval.low, interval.high) == pytest.approx((expected_low, expected_high), rel=1e-3)


@pytest.mark.parametrize("dataset", SELECTED_BY_STEPWISE)
def test_stepwise_selects_the_same_interactions_as_sparsemse(dataset: str) -> None:
    estimator = _fit(dataset, "stepwise")
    assert estimator.interactions_ == SELECTED_BY_STEPWISE[dataset]
    assert estimator.existence_code_ == 0


def test_uk_estimate_rounds_to_the_published_11313() -> None:
    assert round(_fit("uk_2013_5lists", "stepwise").estimate_) == 11313
