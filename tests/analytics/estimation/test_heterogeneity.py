"""Estimators for heterogeneous visibility: latent classes, strata, and comparing methods.

No published LCMCR figure for these tables could be cited, so the latent-class model is checked
on simulated populations of known size where the log-linear model is known to fail.
"""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from palermo_analytics.estimation import (
    LatentClassEstimator,
    MethodComparison,
    MethodSettings,
    MultipleSystemsEstimator,
    StratifiedEstimator,
)
from palermo_analytics.estimation._latent_class import split_r_hat
from tests.analytics.estimation.heterogeneous import heterogeneous_histories, stratified_histories
from tests.analytics.estimation.tables import fixture_table

QUICK_SETTINGS = MethodSettings(burn_in=500, iterations=3000, thinning=3)


def quick_model(seed: int) -> LatentClassEstimator:
    return LatentClassEstimator(seed=seed, burn_in=500, iterations=3000, thinning=3)


def test_the_latent_class_model_recovers_a_heterogeneous_population() -> None:
    histories = heterogeneous_histories(3000, seed=11)
    model = quick_model(2).fit(histories)
    assert model.interval_.low < 3000 < model.interval_.high
    assert model.estimate_ == pytest.approx(3000, rel=0.2)
    # The log-linear model, blind to the invisible class, is confidently too low.
    assert MultipleSystemsEstimator().fit(histories).normal_interval().high < 3000


def test_the_latent_class_fit_is_seeded_and_has_fitted_attributes() -> None:
    histories = heterogeneous_histories(800, seed=4)
    first = quick_model(5).fit(histories)
    again = quick_model(5).fit(histories)
    np.testing.assert_array_equal(first.samples_, again.samples_)
    assert first.samples_.size == 2 * 1000  # two chains of 3000 sweeps, one kept in three
    assert first.observed_ == int(histories["count"].sum())
    assert (first.samples_ >= first.observed_).all()
    summary = first.summary()
    assert summary.loc["observed", "value"] == first.observed_
    assert summary.loc["50% quantile", "value"] == first.estimate_
    assert first.to_dict()["interval"]["method"] == "credible"


def test_a_table_with_few_people_on_two_lists_is_too_sparse_for_any_method() -> None:
    model = quick_model(1).fit(fixture_table("artificial_3lists"))
    assert any(w.startswith("too sparse for any method: only 6 people") for w in model.warnings_)


def test_chains_that_disagree_have_a_large_r_hat() -> None:
    rng = np.random.default_rng(0)
    same = [rng.normal(size=500), rng.normal(size=500)]
    apart = [rng.normal(size=500), rng.normal(5.0, 1.0, size=500)]
    assert split_r_hat(same) == pytest.approx(1.0, abs=0.02)
    assert split_r_hat(apart) > 1.5


def test_strata_are_estimated_apart_and_added_up() -> None:
    frame, population = stratified_histories(seed=1)
    settings = MethodSettings(seed=1, replicates=300)
    model = StratifiedEstimator(["sex"], "stepwise", settings).fit(frame)
    summary = model.summary()
    assert list(summary.index) == ["sex=F", "sex=M", "total"]
    assert model.estimate_ == pytest.approx(summary.loc[["sex=F", "sex=M"], "estimate"].sum())
    assert model.interval_.low < population < model.interval_.high
    pooled = frame.drop(columns="sex").groupby(list("ABCD"), as_index=False).sum()
    assert MultipleSystemsEstimator().fit(pooled).normal_interval().high < population


def test_a_stratum_seen_by_one_list_is_counted_as_seen_and_said(tmp_path: Path) -> None:
    frame, _ = stratified_histories(seed=1)
    lonely = pd.DataFrame({"A": [1], "B": [0], "C": [0], "D": [0], "count": [7], "sex": ["X"]})
    path = tmp_path / "strata.csv"
    pd.concat([frame, lonely]).to_csv(path, index=False)
    model = StratifiedEstimator(["sex"], "main-effects", MethodSettings(replicates=50)).fit(path)
    assert model.results_["sex=X"].estimate == 7
    assert any("stratum sex=X: only 1 list has anyone" in w for w in model.warnings_)


def test_a_missing_stratum_column_is_named() -> None:
    frame, _ = stratified_histories(seed=1)
    with pytest.raises(ValueError, match="no column 'age'"):
        StratifiedEstimator(["age"]).fit(frame)


def test_methods_that_disagree_give_a_range_spanning_them() -> None:
    histories = heterogeneous_histories(3000, seed=11)
    settings = replace(QUICK_SETTINGS, seed=3, replicates=200)
    comparison = MethodComparison(("stepwise", "latent-class"), settings).fit(histories)
    stepwise, latent = comparison.results_["stepwise"], comparison.results_["latent-class"]
    assert comparison.range_ == (
        min(stepwise.interval.low, latent.interval.low),
        max(stepwise.interval.high, latent.interval.high),
    )
    assert "heterogeneous" in str(comparison.summary().loc["stepwise", "assumptions"])


def test_methods_whose_estimates_fall_outside_each_others_intervals_disagree() -> None:
    settings = MethodSettings(seed=3, replicates=200)
    uk = fixture_table("uk_2013_5lists")
    comparison = MethodComparison(("stepwise", "main-effects"), settings).fit(uk)
    # Stepwise's 11,313 lies below the main-effects interval (about 12,000 to 15,300).
    assert comparison.disagree_
    assert any("the methods disagree" in warning for warning in comparison.warnings_)


def test_the_sampler_reports_its_progress_over_every_chain() -> None:
    reports: list[tuple[int, int]] = []
    model = LatentClassEstimator(seed=1, burn_in=100, iterations=400, thinning=2)
    model.fit(heterogeneous_histories(300, seed=2), progress=lambda d, t: reports.append((d, t)))
    assert reports[-1] == (1000, 1000)  # two chains of 100 + 400 sweeps
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
