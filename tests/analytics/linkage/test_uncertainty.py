"""Re-clustering at another threshold, and linkages drawn from the match probabilities."""

import pandas as pd

from palermo_analytics.linkage import LinkageSettings, relink_at, sample_linkages
from palermo_analytics.linkage._result import LinkageResult


def _result() -> LinkageResult:
    linked = pd.DataFrame(
        {"record_id": ["1", "2", "3", "4"], "source": ["a", "b", "a", "b"], "person_id": "x"}
    )
    pairs = pd.DataFrame(
        {
            "source_l": ["a", "a"], "record_id_l": ["1", "3"],
            "source_r": ["b", "b"], "record_id_r": ["2", "4"],
            "match_weight": [6.0, 0.0], "match_probability": [0.98, 0.5],
        }
    )  # fmt: skip
    return LinkageResult(linked, pairs, pd.DataFrame(), {}, LinkageSettings(), compared_pairs=2)


def _groups(linked: pd.DataFrame) -> int:
    return int(linked["person_id"].nunique())


def test_a_lower_threshold_links_more() -> None:
    assert _groups(relink_at(_result(), 0.9)) == 3
    assert _groups(relink_at(_result(), 0.4)) == 2


def _together(linked: pd.DataFrame, one: str, other: str) -> bool:
    person = linked.set_index("record_id")["person_id"]
    return bool(person[one] == person[other])


def test_drawn_linkages_follow_the_probabilities_and_repeat_for_a_seed() -> None:
    draws = list(sample_linkages(_result(), 400, seed=3))
    sure = sum(_together(linked, "1", "2") for linked in draws) / len(draws)
    even = sum(_together(linked, "3", "4") for linked in draws) / len(draws)
    assert sure > 0.95  # the 0.98 pair
    assert 0.4 < even < 0.6  # the 0.5 pair, about half the time
    again = list(sample_linkages(_result(), 400, seed=3))
    assert [_groups(d) for d in draws] == [_groups(d) for d in again]
