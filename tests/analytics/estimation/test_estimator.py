"""The estimator's public surface: fit, fitted attributes, summary, plain-data result, warnings."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from palermo_analytics.estimation import MultipleSystemsEstimator
from tests.analytics.estimation.tables import FIXTURES, fixture_table


def test_fit_returns_the_estimator_and_reads_a_path() -> None:
    estimator = MultipleSystemsEstimator()
    assert estimator.fit(FIXTURES / "uk_2013_5lists.csv") is estimator
    assert estimator.lists_ == ("LA", "NG", "PFNCA", "GO", "GP")
    assert estimator.observed_ == 2744
    assert estimator.estimate_ == pytest.approx(estimator.observed_ + estimator.unseen_)
    assert estimator.converged_


def test_summary_has_a_row_per_term_and_matches_the_estimate() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("uk_2013_5lists"))
    summary = estimator.summary()
    assert list(summary.index) == ["(intercept)", *estimator.lists_, *estimator.interactions_]
    assert list(summary.columns) == ["coefficient", "std_error", "z", "p_value"]
    intercept = float(summary["coefficient"].iloc[0])
    assert estimator.observed_ + math.exp(intercept) == pytest.approx(estimator.estimate_)


def test_summary_shows_a_non_overlapping_interaction_as_minus_infinity() -> None:
    estimator = MultipleSystemsEstimator("aic").fit(fixture_table("artificial_3lists"))
    summary = estimator.summary()
    assert estimator.non_overlapping_ == ["A:C", "B:C"]
    assert summary.loc["A:C", "coefficient"] == -np.inf
    assert any("nobody is on both lists of A:C" in warning for warning in estimator.warnings_)


def test_the_plain_data_result_has_the_cli_json_shape() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("uk_2013_5lists"))
    result = json.loads(json.dumps(estimator.to_dict(0.9)))
    assert set(result) == {"lists", "observed", "estimate", "interval", "model", "warnings"}
    assert result["interval"]["method"] == "normal"
    assert result["interval"]["level"] == 0.9
    assert result["model"] == {
        "method": "stepwise",
        "interactions": estimator.interactions_,
        "heterogeneity_term": False,
        "existence_code": 0,
    }
    estimator.bootstrap(20, seed=1, workers=1, level=0.8)
    bootstrapped = json.loads(json.dumps(estimator.to_dict()))
    assert bootstrapped["model"]["bootstrap"]["replicates"] == 20
    assert bootstrapped["interval"]["method"] == "bca"
    assert bootstrapped["interval"]["level"] == 0.8


def test_sparse_tables_are_flagged() -> None:
    estimator = MultipleSystemsEstimator().fit(fixture_table("new_orleans_8lists"))
    assert estimator.warnings_[0].startswith("sparse data: 236 of the 255 capture patterns")


def test_repeated_patterns_are_reported_among_the_warnings(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("A,B,C,count\n1,0,0,10\n0,1,0,8\n0,0,1,9\n1,1,0,3\n0,1,1,2\n1,0,1,2\n1,0,0,4\n")
    estimator = MultipleSystemsEstimator().fit(path)
    assert "row 7 repeats the pattern of row 1; their counts were summed" in estimator.warnings_


@pytest.mark.parametrize(
    ("method", "threshold", "message"),
    [("forward", 0.02, "method must be one of"), ("stepwise", 1.5, "threshold must be between")],
)
def test_bad_settings_are_refused(method: str, threshold: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MultipleSystemsEstimator(method, threshold)  # type: ignore[arg-type]
