"""Clerical decisions on record pairs, remembered and applied the next time lists are linked.

A reviewer who has looked at two records side by side says they are the `same` person or
`different` people. Applied to a linkage, a `same` pair is linked whatever its score and a
`different` pair's link is cut; with the cohesion guard (the default) the two never end up in
one person, without it they may still meet through a third record that both match.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from palermo_analytics.linkage._guard import ScoredPairs, closure_labels, guarded_labels
from palermo_analytics.linkage._result import LinkageResult, person_ids
from palermo_analytics.safe_output import restore

DECISIONS = ("same", "different")
DECIDED_WEIGHT = 1000.0  # bits: a reviewer's decision, beyond anything a score reaches
DECISION_COLUMNS = ("source_l", "record_id_l", "source_r", "record_id_r", "decision")


class DecisionError(ValueError):
    """A decisions file that cannot be read; the message names the row and the column."""


def _pair_key(frame: pd.DataFrame) -> pd.Series:
    """One key per pair whatever its order: the two records' `source/record_id`, sorted."""
    left = frame["source_l"].astype(str) + "/" + frame["record_id_l"].astype(str)
    right = frame["source_r"].astype(str) + "/" + frame["record_id_r"].astype(str)
    return pd.Series(
        [f"{a}\x1f{b}" if a <= b else f"{b}\x1f{a}" for a, b in zip(left, right, strict=True)],
        index=frame.index,
    )


def read_decisions(source: pd.DataFrame | Path | str) -> pd.DataFrame:
    """Decisions from a frame or CSV (an `uncertain_pairs.csv` with its `decision` column filled
    will do): rows with `same` or `different`; blank and `unsure` are skipped."""
    if isinstance(source, pd.DataFrame):
        frame, name = source, "decisions"
    else:
        name = Path(source).name
        if not Path(source).is_file():
            raise DecisionError(f"{source}: no such file")
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    missing = [c for c in DECISION_COLUMNS if c not in frame.columns]
    if missing:
        raise DecisionError(f"{name}: missing column(s) {', '.join(missing)}")
    # Files Palermo wrote carry formula-like record ids neutralised: read them back as they were.
    frame = frame.loc[:, list(DECISION_COLUMNS)].astype(str).apply(lambda c: c.str.strip())
    frame = frame.map(restore)
    frame["decision"] = frame["decision"].str.lower()
    for position, value in enumerate(frame["decision"]):
        if value not in (*DECISIONS, "", "unsure"):
            raise DecisionError(
                f"{name}, row {position + 2}, column 'decision': use same, different or unsure "
                f"(found {value!r})"
            )
    decided = frame[frame["decision"].isin(DECISIONS)]
    # The latest decision on a pair wins.
    return decided.loc[~_pair_key(decided).duplicated(keep="last")].reset_index(drop=True)


def apply_decisions(result: LinkageResult, decisions: pd.DataFrame) -> LinkageResult:
    """`result` re-clustered with the reviewers' decisions; decided pairs leave the review."""
    if decisions.empty:
        return result
    linked, pairs = result.linked, result.pairs
    decision_of = dict(zip(_pair_key(decisions), decisions["decision"], strict=True))
    pair_decision = _pair_key(pairs).map(decision_of).fillna("") if len(pairs) else pd.Series()
    labels = _labels_with_decisions(result, decisions, pair_decision)
    size = len(linked)
    clusters = pd.DataFrame({"unique_id": np.arange(size), "cluster_id": labels})
    relinked = linked.assign(person_id=person_ids(clusters, size))
    return dataclasses.replace(
        result, linked=relinked, pairs=pairs.assign(decision=pair_decision.to_numpy())
    )


def _labels_with_decisions(
    result: LinkageResult, decisions: pd.DataFrame, pair_decision: pd.Series
) -> np.ndarray:
    linked, pairs, settings = result.linked, result.pairs, result.settings
    position = pd.MultiIndex.from_frame(linked.loc[:, ["source", "record_id"]])

    def rows(frame: pd.DataFrame, side: str) -> np.ndarray:
        keys = pd.MultiIndex.from_arrays([frame[f"source_{side}"], frame[f"record_id_{side}"]])
        return position.get_indexer(keys)

    same = decisions[decisions["decision"] == "same"]
    if settings.cohesion is None:
        keep = (pairs["match_probability"] >= settings.threshold) & (pair_decision != "different")
        left = np.concatenate([rows(pairs[keep], "l"), rows(same, "l")])
        right = np.concatenate([rows(pairs[keep], "r"), rows(same, "r")])
        known = (left >= 0) & (right >= 0)  # decisions about records not in these lists are kept
        return closure_labels(len(linked), left[known], right[known])
    # A decision outweighs any score: `same` is a sure link, `different` a sure non-link, which
    # the guard's averages then respect (the two never end up in one person).
    different = decisions[decisions["decision"] == "different"]
    weight = pairs["match_weight"].to_numpy(dtype=np.float64).copy()
    weight[(pair_decision == "different").to_numpy()] = -DECIDED_WEIGHT
    weight[(pair_decision == "same").to_numpy()] = DECIDED_WEIGHT
    left = np.concatenate([rows(pairs, "l"), rows(same, "l"), rows(different, "l")])
    right = np.concatenate([rows(pairs, "r"), rows(same, "r"), rows(different, "r")])
    weight = np.concatenate(
        [weight, np.full(len(same), DECIDED_WEIGHT), np.full(len(different), -DECIDED_WEIGHT)]
    )
    known = (left >= 0) & (right >= 0)
    scored = ScoredPairs(
        len(linked), left[known], right[known], weight[known], settings.floor_weight
    )
    return guarded_labels(scored, settings.threshold_weight, settings.cohesion)
