"""Linkage at other thresholds, and linkages drawn from the match probabilities.

A linkage is one guess. Re-clustering the scored pairs at another threshold, or drawing each pair
as a link with its match probability, gives the other linkages the evidence allows; estimating
the population from each says how much of an estimate's uncertainty comes from linkage.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Literal

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from palermo_analytics.linkage._guard import ScoredPairs, guarded_labels
from palermo_analytics.linkage._result import LinkageResult

_KEY = ["source", "record_id"]


def _positions(result: LinkageResult) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers in `result.linked` of the left and right record of each scored pair."""
    index = pd.MultiIndex.from_frame(result.linked.loc[:, _KEY])
    pairs = result.pairs
    left = index.get_indexer(pd.MultiIndex.from_arrays([pairs["source_l"], pairs["record_id_l"]]))
    right = index.get_indexer(pd.MultiIndex.from_arrays([pairs["source_r"], pairs["record_id_r"]]))
    return left, right


def _linked(result: LinkageResult, left: np.ndarray, right: np.ndarray) -> pd.DataFrame:
    size = len(result.linked)
    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    return result.linked.loc[:, _KEY].assign(person_id=[f"L{label}" for label in labels])


def relink_at(
    result: LinkageResult, threshold: float, cohesion: float | Literal["same"] | None = "same"
) -> pd.DataFrame:
    """The persons found had the threshold been `threshold` (record_id, source, person_id),
    with the run's cohesion guard (or `cohesion` bits; None: plain transitive closure).

    Only the pairs `result` kept (down to its review band) are known: a threshold below the
    band's lower edge links no more than the band does, and the guard counts pairs below the
    band at its lower edge.
    """
    left, right = _positions(result)
    guard = result.settings.cohesion if cohesion == "same" else cohesion
    weight = result.pairs["match_weight"].to_numpy(dtype=np.float64)
    if guard is None:
        keep = result.pairs["match_probability"].to_numpy() >= threshold
        return _linked(result, left[keep], right[keep])
    scored = ScoredPairs(len(result.linked), left, right, weight, result.settings.floor_weight)
    labels = guarded_labels(scored, math.log2(threshold / (1 - threshold)), guard)
    return result.linked.loc[:, _KEY].assign(person_id=[f"L{label}" for label in labels])


def sample_linkages(result: LinkageResult, draws: int, seed: int = 0) -> Iterator[pd.DataFrame]:
    """`draws` linkages, each pair a link with its match probability, independently.

    Transitive closure then joins chains, so draws lean towards merging; pairs below the
    review band are never drawn. A spread, not a posterior (see docs/linkage.md).
    """
    rng = np.random.default_rng(seed)
    left, right = _positions(result)
    probability = result.pairs["match_probability"].to_numpy()
    for _ in range(draws):
        keep = rng.random(len(probability)) < probability
        yield _linked(result, left[keep], right[keep])
