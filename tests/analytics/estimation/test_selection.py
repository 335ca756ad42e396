"""Model selection: stepwise thresholds, the fast path, AIC and BIC."""

import numpy as np
import pytest

from palermo_analytics.estimation import Method, MultipleSystemsEstimator, read_capture_histories
from palermo_analytics.estimation._bootstrap import resample
from palermo_analytics.estimation._design import list_pairs
from palermo_analytics.estimation._model import model_existence_code
from palermo_analytics.estimation._selection import select_model
from tests.analytics.estimation.heterogeneous import heterogeneous_histories
from tests.analytics.estimation.tables import fixture_table


def test_threshold_zero_fits_main_effects_only() -> None:
    stepwise = MultipleSystemsEstimator("stepwise", threshold=0).fit(
        fixture_table("uk_2013_5lists")
    )
    main = MultipleSystemsEstimator("main-effects").fit(fixture_table("uk_2013_5lists"))
    assert stepwise.interactions_ == []
    assert stepwise.estimate_ == pytest.approx(main.estimate_, rel=1e-12)


def test_threshold_one_adds_every_pair_that_passes_the_check() -> None:
    table = fixture_table("uk_2013_5lists")
    estimator = MultipleSystemsEstimator("stepwise", threshold=1).fit(table)
    assert len(estimator.interactions_) == len(list_pairs(5))
    assert estimator.existence_code_ == 0


@pytest.mark.parametrize("dataset", ["uk_2013_5lists", "artificial_3lists"])
def test_all_pairs_is_stepwise_without_a_test(dataset: str) -> None:
    table = fixture_table(dataset)
    every = MultipleSystemsEstimator("all-pairs", threshold=0.02).fit(table)
    untested = MultipleSystemsEstimator("stepwise", threshold=1).fit(table)
    assert every.interactions_ == untested.interactions_
    assert every.estimate_ == pytest.approx(untested.estimate_, rel=1e-12)
    assert every.method == "all-pairs"


def test_all_pairs_keeps_the_weak_dependence_uneven_visibility_creates() -> None:
    table = read_capture_histories(heterogeneous_histories(3000, seed=2))
    every = MultipleSystemsEstimator("all-pairs").fit(table)
    tested = MultipleSystemsEstimator("stepwise").fit(table)
    assert len(every.interactions_) > len(tested.interactions_)
    # Both fall short of the 3,000 people (the hardest to find are on no list), stepwise more.
    assert tested.estimate_ < every.estimate_ < 3000


def test_the_bootstrap_of_all_pairs_reselects_every_pair() -> None:
    table = fixture_table("uk_2013_5lists")
    every = MultipleSystemsEstimator("all-pairs").fit(table).bootstrap(50, seed=3, workers=1)
    untested = MultipleSystemsEstimator("stepwise", 1).fit(table).bootstrap(50, seed=3, workers=1)
    assert np.array_equal(every.replicates, untested.replicates, equal_nan=True)


def test_a_candidate_whose_model_fails_the_check_gets_p_value_one() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("artificial_3lists"))
    # A:B alone has no MLE (code 1), so it is never added whatever its overlap says.
    assert estimator.candidate_p_values_["A:B"] == 1.0
    assert estimator.interactions_ == []
    assert estimator.candidate_p_values_["A:C"] > 0.02


def test_every_candidate_has_a_p_value_and_the_last_round_explains_the_stop() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("uk_2013_5lists"))
    assert list(estimator.candidate_p_values_) == [
        "LA:NG", "LA:PFNCA", "LA:GO", "LA:GP", "NG:PFNCA",
        "NG:GO", "NG:GP", "PFNCA:GO", "PFNCA:GP", "GO:GP",
    ]  # fmt: skip
    left_out = set(estimator.candidate_p_values_) - set(estimator.interactions_)
    assert min(estimator.candidate_p_values_[name] for name in left_out) >= 0.02
    assert estimator.steps_[-1].added is None
    assert [step.added is not None for step in estimator.steps_].count(True) == 6


@pytest.mark.parametrize("method", ["stepwise", "aic", "bic"])
@pytest.mark.parametrize("dataset", ["uk_2013_5lists", "new_orleans_8lists"])
def test_the_fast_path_selects_what_the_recorded_path_selects(method: Method, dataset: str) -> None:
    table = fixture_table(dataset)
    t = len(table.lists)
    for row in resample(table.cell_counts, 6 if t > 5 else 15, seed=5):  # NO: slower AIC
        counts = row.astype(np.float64)
        fast = select_model(t, counts, method)
        recorded = select_model(t, counts, method, record=True)
        assert fast.model.shape.pairs == recorded.model.shape.pairs


@pytest.mark.parametrize("method", ["aic", "bic"])
def test_information_criteria_only_add_terms_that_lower_them(method: Method) -> None:
    table = fixture_table("uk_2013_5lists")
    estimator = MultipleSystemsEstimator(method).fit(table)
    main = MultipleSystemsEstimator("main-effects").fit(table)
    criterion = "aic_" if method == "aic" else "bic_"
    assert getattr(estimator, criterion) < getattr(main, criterion)
    assert estimator.existence_code_ == 0
    assert len(estimator.interactions_) == len(estimator.steps_) - 1


def test_aic_counts_a_non_overlapping_pair_as_a_parameter() -> None:
    table = fixture_table("artificial_3lists")
    counts = table.cell_counts.astype(np.float64)
    selection = select_model(3, counts, "aic", record=True)
    assert selection.model.shape.dropped_pairs == (1, 2)  # A:C and B:C, nobody on both
    assert selection.model.parameter_count == 6
    assert model_existence_code(3, selection.model.shape.pairs, counts) == 0
