"""Scoring a linkage against the truth, on cases small enough to count by hand."""

import pandas as pd
import pytest

from palermo_analytics.linkage import score_linkage


def frame(people: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"record_id": [str(i) for i in range(len(people))], "source": "a", "person_id": people}
    )


def test_a_perfect_linkage_scores_one() -> None:
    truth = frame(["x", "x", "y", "z"])

    scores = score_linkage(frame(["p", "p", "q", "r"]), truth)

    assert (scores.precision, scores.recall, scores.f1, scores.cluster_accuracy) == (1, 1, 1, 1)


def test_an_over_merged_cluster_costs_precision() -> None:
    truth = frame(["x", "x", "y"])  # one true pair

    scores = score_linkage(frame(["p", "p", "p"]), truth)  # three found pairs

    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == 1
    assert scores.cluster_accuracy == 0
    assert (scores.persons_found, scores.persons_true) == (1, 2)


def test_a_split_person_costs_recall() -> None:
    truth = frame(["x", "x", "x", "y"])  # three true pairs

    scores = score_linkage(frame(["p", "p", "q", "r"]), truth)

    assert scores.recall == pytest.approx(1 / 3)
    assert scores.precision == 1
    assert scores.cluster_accuracy == pytest.approx(1 / 2)
