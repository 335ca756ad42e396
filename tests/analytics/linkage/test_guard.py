"""The cohesion guard: closure over links at the threshold, split where a group does not hold."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from palermo_analytics.linkage import LinkageSettings, apply_decisions, relink_at
from palermo_analytics.linkage._guard import ScoredPairs, guarded_labels
from palermo_analytics.linkage._result import LinkageResult

THRESHOLD = 0.0  # bits


def _labels(size: int, pairs: list[tuple[int, int, float]], floor: float = -5.0) -> list[int]:
    left, right, weight = (np.array(column) for column in zip(*pairs, strict=True))
    scored = ScoredPairs(size, left, right, weight.astype(float), floor)
    labels = guarded_labels(scored, THRESHOLD, cohesion=0.0)
    # Compare partitions, not label values: renumber in order of first appearance.
    first = {label: n for n, label in enumerate(dict.fromkeys(labels.tolist()))}
    return [first[label] for label in labels.tolist()]


def test_a_chain_through_an_ambiguous_record_falls_apart_at_its_weakest_joint() -> None:
    # 0 and 1 are one person, 2 and 3 another; record 1 and 2 share a common name (a weak link),
    # and the two people's other records disagree (0-2, 0-3, 1-3 scored strongly against).
    pairs = [(0, 1, 12.0), (2, 3, 12.0), (1, 2, 1.0), (0, 2, -8.0), (1, 3, -8.0)]

    assert _labels(4, pairs) == [0, 0, 1, 1]


def test_plain_closure_would_have_merged_the_chain() -> None:
    pairs = [(0, 1, 12.0), (2, 3, 12.0), (1, 2, 1.0), (0, 2, -8.0), (1, 3, -8.0)]
    left, right, weight = (np.array(column) for column in zip(*pairs, strict=True))
    scored = ScoredPairs(4, left, right, weight.astype(float), -5.0)

    assert len(set(guarded_labels(scored, THRESHOLD, cohesion=-100.0).tolist())) == 1


def test_a_group_whose_records_all_match_stays_whole() -> None:
    pairs = [(0, 1, 10.0), (1, 2, 3.0), (0, 2, 4.0), (2, 3, 2.0), (1, 3, 1.5), (0, 3, 0.5)]

    assert _labels(4, pairs) == [0, 0, 0, 0]


def test_pairs_never_scored_count_against_a_merge_at_the_floor() -> None:
    # 0-1 and 1-2 link; 0-2 was never compared. Strong links outweigh one unknown pair...
    assert _labels(3, [(0, 1, 10.0), (1, 2, 10.0)], floor=-5.0) == [0, 0, 0]
    # ...weak ones do not.
    assert _labels(3, [(0, 1, 10.0), (1, 2, 1.0)], floor=-5.0) == [0, 0, 1]


def test_two_records_joined_by_one_link_at_the_threshold_stay_together() -> None:
    assert _labels(3, [(0, 1, 0.5)]) == [0, 0, 1]


def _result(settings: LinkageSettings) -> LinkageResult:
    linked = pd.DataFrame(
        {"record_id": ["1", "2", "3", "4"], "source": ["a", "b", "c", "d"], "person_id": "x"}
    )
    weights = [12.0, 12.0, 1.0, -2.5, -2.5]
    pairs = pd.DataFrame(
        {
            "source_l": ["a", "c", "b", "a", "b"], "record_id_l": ["1", "3", "2", "1", "2"],
            "source_r": ["b", "d", "c", "c", "d"], "record_id_r": ["2", "4", "3", "3", "4"],
            "match_weight": weights,
            "match_probability": [1 / (1 + 2.0**-w) for w in weights],
        }
    )  # fmt: skip
    return LinkageResult(linked, pairs, pd.DataFrame(), {}, settings, compared_pairs=5)


def _persons(linked: pd.DataFrame) -> int:
    return int(linked["person_id"].nunique())


def test_relinking_uses_the_runs_guard_unless_told_otherwise() -> None:
    result = _result(LinkageSettings(threshold=0.3))

    assert _persons(relink_at(result, 0.3)) == 2
    assert _persons(relink_at(result, 0.3, cohesion=None)) == 1
    unguarded = dataclasses.replace(result, settings=LinkageSettings(threshold=0.3, cohesion=None))
    assert _persons(relink_at(unguarded, 0.3)) == 1


def test_a_reviewers_different_keeps_two_records_apart_even_through_a_third() -> None:
    # 1-2 and 2-3 strong, 1-3 unscored: a reviewer said 1 and 3 are different people.
    linked = pd.DataFrame(
        {"record_id": ["1", "2", "3"], "source": ["a", "b", "c"], "person_id": "x"}
    )
    pairs = pd.DataFrame(
        {
            "source_l": ["a", "b"], "record_id_l": ["1", "2"],
            "source_r": ["b", "c"], "record_id_r": ["2", "3"],
            "match_weight": [12.0, 11.0], "match_probability": [0.9998, 0.9995],
        }
    )  # fmt: skip
    result = LinkageResult(linked, pairs, pd.DataFrame(), {}, LinkageSettings(), compared_pairs=2)
    decisions = pd.DataFrame(
        {"source_l": ["a"], "record_id_l": ["1"], "source_r": ["c"], "record_id_r": ["3"],
         "decision": ["different"]}
    )  # fmt: skip

    person = apply_decisions(result, decisions).linked.set_index("record_id")["person_id"]

    assert person["1"] != person["3"]
    assert person["2"] in (person["1"], person["3"])


@pytest.mark.parametrize("cohesion", [float("nan"), float("inf")])
def test_a_cohesion_that_is_not_a_finite_number_is_refused(cohesion: float) -> None:
    with pytest.raises(ValueError, match="cohesion"):
        LinkageSettings(cohesion=cohesion)
