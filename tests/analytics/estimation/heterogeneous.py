"""Simulated capture histories with heterogeneous visibility and a known population size."""

import numpy as np
import pandas as pd


def heterogeneous_histories(
    population: int, seed: int, lists: int = 5, visible_share: float = 0.3
) -> pd.DataFrame:
    """Two kinds of people: a few easy to find (capture 0.3-0.6), most hard (0.05-0.15)."""
    rng = np.random.default_rng(seed)
    visible = rng.random(population) < visible_share
    easy, hard = rng.uniform(0.3, 0.6, lists), rng.uniform(0.05, 0.15, lists)
    captured = rng.random((population, lists)) < np.where(visible[:, None], easy, hard)
    names = [chr(ord("A") + i) for i in range(lists)]
    seen = pd.DataFrame(captured[captured.any(axis=1)].astype(int), columns=names)
    return seen.value_counts().rename("count").reset_index()


def stratified_histories(seed: int) -> tuple[pd.DataFrame, int]:
    """Two strata captured at very different rates: pooled, the low stratum is under-counted."""
    frames = []
    for stratum, (population, rate) in {"F": (1500, 0.35), "M": (2500, 0.08)}.items():
        rng = np.random.default_rng([seed, population])
        captured = rng.random((population, 4)) < rate
        seen = pd.DataFrame(captured[captured.any(axis=1)].astype(int), columns=list("ABCD"))
        table = seen.value_counts().rename("count").reset_index()
        frames.append(table.assign(sex=stratum))
    return pd.concat(frames, ignore_index=True), 4000
