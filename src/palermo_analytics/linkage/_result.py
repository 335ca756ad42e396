"""Linking person lists end to end, and what a linkage gives: persons and capture histories."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from palermo_analytics.estimation._table import CaptureHistories
from palermo_analytics.linkage._model import ModelSpec, palermo_model
from palermo_analytics.linkage._person_lists import read_person_lists
from palermo_analytics.linkage._settings import LinkageSettings, Progress, no_progress
from palermo_analytics.linkage._splink_run import STAGES, SplinkRun, run_splink
from palermo_analytics.linkage._standardise import standardise

LINKED_COLUMNS = ("record_id", "source", "person_id")


def capture_histories(linked: pd.DataFrame, sources: Iterable[str] | None = None) -> pd.DataFrame:
    """One 0/1 column per source and `count`: how many persons have each capture pattern.

    `linked` has one row per record with `source` and `person_id`. Only observed patterns are
    listed (the format `palermo estimate` reads); the counts add up to the number of persons.
    """
    columns = list(sources) if sources is not None else list(dict.fromkeys(linked["source"]))
    on_list = pd.crosstab(linked["person_id"], linked["source"]).reindex(
        columns=columns, fill_value=0
    )
    table = CaptureHistories.from_memberships(on_list > 0).to_frame()
    return table.sort_values(columns, ascending=False, ignore_index=True)


def person_ids(clusters: pd.DataFrame, size: int) -> list[str]:
    """Stable person ids: clusters numbered in the order of their first record."""
    cluster_of = clusters.set_index("unique_id")["cluster_id"].reindex(range(size))
    first_seen = {cluster: n for n, cluster in enumerate(dict.fromkeys(cluster_of))}
    width = max(6, len(str(len(first_seen))))
    return [f"L{first_seen[cluster] + 1:0{width}d}" for cluster in cluster_of]


@dataclass(frozen=True)
class LinkageResult:
    """The persons found: `linked` (record_id, source, person_id) and the evidence behind them.

    `pairs` are the scored record pairs at or above the review band (`match_weight`,
    `match_probability`, with `record_id`/`source` of each side); `weight_histogram` counts all
    compared pairs by whole match weight; `model` is the Splink model as JSON (reusable).
    """

    linked: pd.DataFrame
    pairs: pd.DataFrame
    weight_histogram: pd.DataFrame
    model: dict[str, Any]
    settings: LinkageSettings
    compared_pairs: int
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(self.linked["source"]))

    @property
    def person_count(self) -> int:
        return int(self.linked["person_id"].nunique())

    def capture_histories(self) -> pd.DataFrame:
        return capture_histories(self.linked, self.sources)

    def counts_by_source(self) -> pd.DataFrame:
        """Records and distinct persons on each source's list."""
        grouped = self.linked.groupby("source", sort=False)
        return pd.DataFrame(
            {"records": grouped.size(), "persons": grouped["person_id"].nunique()}
        ).reindex(self.sources)

    def uncertain_pairs(self) -> pd.DataFrame:
        """Pairs within the review margin of the threshold, nearest the threshold first."""
        weight = self.settings.threshold_weight
        undecided = (
            self.pairs[self.pairs["decision"] == ""] if "decision" in self.pairs else self.pairs
        )
        near = undecided[(undecided["match_weight"] - weight).abs() <= self.settings.review_margin]
        order = (near["match_weight"] - weight).abs().sort_values(kind="stable").index
        return near.loc[order].head(self.settings.review_limit).reset_index(drop=True)


def _named_pairs(pairs: pd.DataFrame, lists: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=pairs.index)
    for side in ("l", "r"):
        rows = lists.iloc[pairs[f"unique_id_{side}"].to_numpy()]
        out[f"source_{side}"] = rows["source"].to_numpy()
        out[f"record_id_{side}"] = rows["record_id"].to_numpy()
    out["match_weight"] = pairs["match_weight"].to_numpy()
    out["match_probability"] = pairs["match_probability"].to_numpy()
    return out.sort_values("match_weight", ascending=False, ignore_index=True)


def link_records(
    lists: pd.DataFrame | Iterable[Path | str],
    settings: LinkageSettings | None = None,
    *,
    model: ModelSpec | None = None,
    progress: Progress | None = None,
    decisions: pd.DataFrame | None = None,
) -> LinkageResult:
    """Link person lists (a frame from `read_person_lists`, or the files) into persons.

    `decisions` (see `read_decisions`): pairs reviewers said are the same person are linked,
    pairs they said are different are not, and neither comes back for review.
    """
    settings = settings or LinkageSettings()
    report = progress or no_progress
    if not isinstance(lists, pd.DataFrame):
        lists = read_person_lists(lists)
    lists = lists.reset_index(drop=True)
    report(STAGES[0], 0, len(STAGES))
    started = time.perf_counter()
    frame = standardise(lists, region=settings.region, reference_date=settings.reference_date)
    standardising = time.perf_counter() - started
    run: SplinkRun = run_splink(frame, model or palermo_model(), settings, report)
    linked = lists.loc[:, ["record_id", "source"]].copy()
    linked["person_id"] = person_ids(run.clusters, len(lists))
    result = LinkageResult(
        linked=linked,
        pairs=_named_pairs(run.pairs, lists),
        weight_histogram=run.weight_histogram,
        model=run.model,
        settings=settings,
        compared_pairs=run.compared_pairs,
        timings={"standardise": standardising, **run.timings},
    )
    if decisions is None:
        return result
    from palermo_analytics.linkage._decisions import apply_decisions  # it imports this module

    return apply_decisions(result, decisions)
