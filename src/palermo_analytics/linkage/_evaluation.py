"""Scoring a linkage against the truth: pairwise precision and recall, exact clusters."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

_KEY = ["source", "record_id"]


def _pairs(sizes: pd.Series) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


@dataclass(frozen=True)
class LinkageScores:
    """How a linkage compares with the truth.

    Pairwise: a pair of records is a true match when both are about the same person; precision
    and recall count such pairs placed in one cluster. `cluster_accuracy` is the share of true
    persons whose records form exactly one found cluster, with nothing else in it.
    """

    precision: float
    recall: float
    f1: float
    cluster_accuracy: float
    persons_found: int
    persons_true: int
    true_pairs: int
    found_pairs: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def score_linkage(linked: pd.DataFrame, truth: pd.DataFrame) -> LinkageScores:
    """Score `linked` (source, record_id, person_id) against `truth` (same columns, true ids)."""
    both = linked.loc[:, [*_KEY, "person_id"]].merge(
        truth.loc[:, [*_KEY, "person_id"]], on=_KEY, suffixes=("_found", "_true"), validate="1:1"
    )
    found, true = both["person_id_found"], both["person_id_true"]
    agreeing = _pairs(both.groupby([found, true]).size())
    found_pairs, true_pairs = _pairs(found.value_counts()), _pairs(true.value_counts())
    precision = agreeing / found_pairs if found_pairs else 1.0
    recall = agreeing / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LinkageScores(
        precision=precision,
        recall=recall,
        f1=f1,
        cluster_accuracy=_exact_clusters(found, true) / true.nunique(),
        persons_found=int(found.nunique()),
        persons_true=int(true.nunique()),
        true_pairs=true_pairs,
        found_pairs=found_pairs,
    )


def _exact_clusters(found: pd.Series, true: pd.Series) -> int:
    """Found clusters that hold exactly the records of one true person."""
    cells = pd.DataFrame({"found": found, "true": true}).drop_duplicates()
    one_person = cells.groupby("found")["true"].nunique() == 1
    one_cluster = cells.groupby("true")["found"].nunique() == 1
    pure = cells[cells["found"].map(one_person) & cells["true"].map(one_cluster)]
    return len(pure)


def true_pairs(truth: pd.DataFrame) -> pd.DataFrame:
    """Every pair of records about the same person: row positions `left`, `right` in `truth`."""
    person = pd.factorize(truth["person_id"])[0]
    order = pd.Series(range(len(truth))).groupby(person).agg(list)
    left, right = [], []
    for rows in order:
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                left.append(a)
                right.append(b)
    return pd.DataFrame({"left": left, "right": right}, dtype="int64")


def recall_by_cause(
    linked: pd.DataFrame, truth: pd.DataFrame, causes: pd.Series | None = None
) -> pd.DataFrame:
    """Recall of the true pairs that each cause touched: `cause, pairs, linked, recall`.

    `truth` (source, record_id, person_id) may carry a `corruptions` column (causes separated by
    `;`); `causes`, if given, is one list of causes per true pair (as `true_pairs` orders them)
    and replaces it. A pair counts under every cause of either record, and under `none` when
    nothing touched it, so the table says which corruption the missed pairs share.
    """
    truth = truth.reset_index(drop=True)
    found = truth.loc[:, _KEY].merge(linked.loc[:, [*_KEY, "person_id"]], on=_KEY, how="left")
    pairs = true_pairs(truth)
    ids = found["person_id"].to_numpy()
    together = ids[pairs["left"].to_numpy()] == ids[pairs["right"].to_numpy()]
    if causes is None:
        tags = truth.get("corruptions", pd.Series("", index=truth.index)).fillna("")
        each = [set(filter(None, text.split(";"))) for text in tags]
        causes = pd.Series(
            [sorted(each[a] | each[b]) for a, b in zip(pairs["left"], pairs["right"], strict=True)]
        )
    table = pd.DataFrame({"cause": [c or ["none"] for c in causes], "linked": together})
    table = table.explode("cause")
    summary = table.groupby("cause")["linked"].agg(pairs="size", linked="sum").reset_index()
    summary["recall"] = summary["linked"] / summary["pairs"]
    return summary.sort_values("recall", ignore_index=True)
