"""Clusters from scored pairs, guarded against chaining different people together.

Transitive closure links A to C whenever A matches B and B matches C. Over common names that
chains different people into one "person" (Wang Li born 1990 — Wang Li, age unknown — Wang Li
born 1975), and a merged person makes the population estimate wrong. So a group of records that
closure joins is only kept whole when it holds together: inside each connected group, records are
merged again by average linkage — two parts join when the mean match weight of all the pairs
between them (a pair never scored, or scored below the review band, counts at the band's lower
edge: at most that) reaches `cohesion` bits — strongest first. A group in which every record
strongly matches every other stays whole; a chain through one ambiguous record falls apart at
its weakest joint.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

# Groups of this many records or fewer are kept as closure made them: two records joined by one
# link at or above the threshold are a pair the threshold accepted (checking pairs against the
# cohesion too measured worse for the estimate on the independent generator).
LARGEST_UNGUARDED_GROUP = 2


@dataclass(frozen=True)
class ScoredPairs:
    """Pairs of record row numbers (`left`, `right`) with their match `weight` in bits, among
    `size` records; pairs not listed scored below `floor` bits (or were never compared)."""

    size: int
    left: np.ndarray
    right: np.ndarray
    weight: np.ndarray
    floor: float


def closure_labels(size: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The connected components of the links: one label per record."""
    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels)


def guarded_labels(pairs: ScoredPairs, threshold_weight: float, cohesion: float) -> np.ndarray:
    """One label per record: the threshold's connected components, each split where its
    records do not hold together (see the module's docstring)."""
    linked = pairs.weight >= threshold_weight
    labels = closure_labels(pairs.size, pairs.left[linked], pairs.right[linked])
    sizes = np.bincount(labels)
    suspect = sizes[labels] > LARGEST_UNGUARDED_GROUP
    if not suspect.any():
        return labels
    inside = suspect[pairs.left] & (labels[pairs.left] == labels[pairs.right])
    out = labels.copy()
    next_label = int(labels.max()) + 1
    by_group = _pairs_by_group(labels, pairs, inside)
    for group, members in _members(labels, suspect).items():
        parts = _average_linkage(members, by_group.get(group, _NO_PAIRS), pairs.floor, cohesion)
        for part in parts[1:]:  # the first part keeps the group's label
            out[part] = next_label
            next_label += 1
    return out


_NO_PAIRS: tuple[np.ndarray, np.ndarray, np.ndarray] = (
    np.empty(0, dtype=np.int64),
    np.empty(0, dtype=np.int64),
    np.empty(0),
)


def _members(labels: np.ndarray, suspect: np.ndarray) -> dict[int, np.ndarray]:
    rows = np.flatnonzero(suspect)
    order = np.argsort(labels[rows], kind="stable")
    rows = rows[order]
    groups, starts = np.unique(labels[rows], return_index=True)
    return dict(zip(groups.tolist(), np.split(rows, starts[1:]), strict=True))


def _pairs_by_group(
    labels: np.ndarray, pairs: ScoredPairs, inside: np.ndarray
) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    left, right, weight = pairs.left[inside], pairs.right[inside], pairs.weight[inside]
    group = labels[left]
    order = np.argsort(group, kind="stable")
    left, right, weight, group = left[order], right[order], weight[order], group[order]
    keys, starts = np.unique(group, return_index=True)
    split = [np.split(a, starts[1:]) for a in (left, right, weight)]
    return {int(k): (split[0][i], split[1][i], split[2][i]) for i, k in enumerate(keys)}


def _average_linkage(
    members: np.ndarray,
    group_pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    floor: float,
    cohesion: float,
) -> list[np.ndarray]:
    """Split one group's records into parts whose mutual mean weight reaches `cohesion`.

    Groups are small (tens of records), so the full weight matrix is cheap.
    """
    n = len(members)
    position = {int(record): i for i, record in enumerate(members)}
    weights = np.full((n, n), floor, dtype=float)
    left, right, weight = group_pairs
    for a, b, w in zip(left.tolist(), right.tolist(), weight.tolist(), strict=True):
        weights[position[a], position[b]] = weights[position[b], position[a]] = w
    parts: list[list[int]] = [[i] for i in range(n)]
    totals = weights.copy()  # sum of weights between parts i and j
    np.fill_diagonal(totals, -np.inf)
    counts = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        mean = totals / np.outer(counts, counts)
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        i, j = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if mean[i, j] < cohesion:
            break
        parts[i] += parts[j]
        totals[i, :] += totals[j, :]
        totals[:, i] += totals[:, j]
        totals[i, i] = -np.inf
        counts[i] += counts[j]
        alive[j] = False
    kept = [members[parts[i]] for i in np.flatnonzero(alive)]
    return sorted(kept, key=lambda rows: int(rows.min()))
