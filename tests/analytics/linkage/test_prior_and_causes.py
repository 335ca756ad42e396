"""The prior is estimated from the scored pairs; recall is reported by what touched each pair."""

import math

import pandas as pd

from palermo_analytics.linkage import recall_by_cause, true_pairs
from palermo_analytics.linkage._splink_run import estimate_prior


def _weights(bayes: list[float], counts: list[int], prior: float) -> pd.DataFrame:
    odds = math.log2(prior / (1 - prior))
    return pd.DataFrame({"match_weight": [b + odds for b in bayes], "pairs": counts})


def test_the_prior_settles_on_the_share_of_clear_matches_whatever_the_start() -> None:
    # 100 pairs with overwhelming evidence for a match, 10,000 with evidence against, among
    # 1,000,000 possible pairs: about 1e-4 of all pairs match, whatever the rules guessed.
    for start in (1e-6, 1e-4, 1e-2):
        weights = _weights([30.0, -20.0], [100, 10_000], start)
        assert math.isclose(estimate_prior(weights, start, 1_000_000), 1e-4, rel_tol=0.01)


def test_a_prior_too_low_is_raised_when_weak_evidence_is_common() -> None:
    # Many pairs with moderate evidence: the deterministic guess (1e-6) undercounts them.
    start = 1e-6
    weights = _weights([30.0, 12.0, -20.0], [100, 400, 10_000], start)
    assert estimate_prior(weights, start, 1_000_000) > 2e-4


def _truth() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["a", "b", "c", "a", "b"],
            "record_id": ["1", "1", "1", "2", "2"],
            "person_id": ["P1", "P1", "P1", "P2", "P2"],
            "corruptions": ["typo", "", "age_only", "", ""],
        }
    )


def test_true_pairs_are_every_pair_of_one_persons_records() -> None:
    pairs = true_pairs(_truth())
    assert sorted(map(tuple, pairs.to_numpy().tolist())) == [(0, 1), (0, 2), (1, 2), (3, 4)]


def test_recall_by_cause_counts_a_pair_under_the_causes_of_either_record() -> None:
    linked = _truth().loc[:, ["source", "record_id"]].assign(person_id=["X", "X", "Y", "Z", "Z"])
    table = recall_by_cause(linked, _truth()).set_index("cause")

    assert table.loc["typo", "pairs"] == 2
    assert table.loc["typo", "linked"] == 1
    assert table.loc["age_only", "pairs"] == 2
    assert table.loc["age_only", "linked"] == 0
    assert table.loc["none", "recall"] == 1.0  # only P2's pair is untouched by any cause
    assert table.loc["none", "pairs"] == 1
