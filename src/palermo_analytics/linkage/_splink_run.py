"""One Splink run: register the records, train (or load) the model, score pairs, cluster."""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from splink import Linker, SettingsCreator
from splink.internals.exceptions import EMTrainingException

from palermo_analytics.linkage._engines import close, database_api
from palermo_analytics.linkage._guard import ScoredPairs, closure_labels, guarded_labels
from palermo_analytics.linkage._model import ModelSpec
from palermo_analytics.linkage._settings import LinkageSettings, Progress, no_progress

UNOBSERVED_M = 1e-4
STAGES = ("standardise", "train", "predict", "collect", "cluster")


@dataclass(frozen=True)
class SplinkRun:
    """What a run produced, as plain frames: ids are the `unique_id` row numbers."""

    clusters: pd.DataFrame  # unique_id, cluster_id
    pairs: pd.DataFrame  # unique_id_l, unique_id_r, match_weight, match_probability
    weight_histogram: pd.DataFrame  # weight_bin, pairs
    model: dict[str, Any]
    compared_pairs: int
    timings: dict[str, float] = field(default_factory=dict)


class _Stopwatch:
    def __init__(self, progress: Progress) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress
        self._stage, self._started = "", time.perf_counter()

    def start(self, stage: str) -> None:
        self._record()
        self._stage, self._started = stage, time.perf_counter()
        self.progress(stage, STAGES.index(stage), len(STAGES))

    def _record(self) -> None:
        if self._stage:
            self.timings[self._stage] = time.perf_counter() - self._started

    def stop(self) -> dict[str, float]:
        self._record()
        self._stage = ""
        self.progress("done", len(STAGES), len(STAGES))
        return self.timings


def _splink_settings(spec: ModelSpec) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=spec.comparisons,
        blocking_rules_to_generate_predictions=spec.blocking_rules,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _train(linker: Linker, spec: ModelSpec, settings: LinkageSettings) -> None:
    """u by random sampling, m by EM, the prior from rules that admit almost only matches."""
    training = linker.training
    training.estimate_probability_two_random_records_match(
        spec.deterministic_rules, recall=spec.recall
    )
    training.estimate_u_using_random_sampling(max_pairs=settings.u_max_pairs, seed=settings.seed)
    trained = 0
    for rule in spec.em_rules:
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=settings.em_max_pairs
            )
        except EMTrainingException:
            continue  # the rule blocks no pairs here (e.g. lists without phone numbers)
        except ValueError as error:
            # On small lists EM can drive a level's m to 0, which Splink refuses mid-session
            # (seen in bench/coverage.py on a 3,000-person world): learn from the other rules.
            if "m_probability" not in str(error):
                raise
            continue
        trained += 1
    if not trained:
        raise EMTrainingException("no EM training rule found any pairs to learn from")
    _floor_unobserved_m(linker)


def _floor_unobserved_m(linker: Linker) -> None:
    """A level that no EM block showed among likely matches (on small lists: names that differ
    completely, a different sex) is rare among matches: give it a small m, not none."""
    for comparison in linker._settings_obj.comparisons:
        for level in comparison.comparison_levels:
            if not level.is_null_level and level._m_probability is None:
                level.m_probability = UNOBSERVED_M


def estimate_prior(
    weights: pd.DataFrame, prior: float, total_pairs: float, iterations: int = 200
) -> float:
    """The probability that two random records match, estimated from the scored pairs.

    `weights` holds `match_weight` and `pairs` (how many pairs have it), scored with `prior`.
    With the m and u probabilities fixed, EM for the prior alone: the expected number of matches
    among the compared pairs (pairs not compared are taken to be non-matches), divided by all
    pairs, until it settles. The deterministic rules' guess only starts it.
    """
    bayes = weights["match_weight"].to_numpy() - math.log2(prior / (1 - prior))
    count = weights["pairs"].to_numpy()
    current = prior
    for _ in range(iterations):
        odds = math.log2(current / (1 - current))
        expected = float((count / (1 + np.exp2(-(bayes + odds)))).sum())
        estimate = min(max(expected / total_pairs, 1e-12), 0.5)
        if abs(estimate - current) <= 1e-6 * current:
            return estimate
        current = estimate
    return current


def _reestimate_prior(linker: Linker, predictions: Any, records: int) -> float:
    """Set the model's prior to one estimated from the scored pairs; return the shift in match
    weight it makes (the weights already scored are that much off)."""
    table = predictions.physical_name
    weights = _query(
        linker,
        f"select round(match_weight, 2) as match_weight, count(*) as pairs from {table} "  # noqa: S608
        "group by round(match_weight, 2)",
    )
    settings_obj = linker._settings_obj
    before = settings_obj._probability_two_random_records_match
    if weights.empty or records < 2:
        return 0.0
    after = estimate_prior(weights, before, records * (records - 1) / 2)
    settings_obj._probability_two_random_records_match = after
    return math.log2(after / (1 - after)) - math.log2(before / (1 - before))


def _query(linker: Linker, sql: str) -> pd.DataFrame:
    # The SQL is built from Splink's own table names and numbers, never from user input.
    frame: pd.DataFrame = linker.misc.query_sql(sql, output_type="pandas")
    return frame


def _collect(
    linker: Linker, predictions: Any, settings: LinkageSettings, shift: float
) -> dict[str, Any]:
    """The weight histogram and the pairs above the review band, weights shifted by `shift`
    (the re-estimated prior's)."""
    table = predictions.physical_name
    weight = f"(match_weight + {shift:.12f})"
    low = settings.floor_weight
    histogram = _query(
        linker,
        f"select floor({weight}) as weight_bin, count(*) as pairs from {table} "  # noqa: S608
        f"group by floor({weight}) order by weight_bin",
    )
    columns = (
        f"unique_id_l, unique_id_r, {weight} as match_weight, "
        f"1 / (1 + pow(2, -{weight})) as match_probability"
    )
    pairs = _query(linker, f"select {columns} from {table} where {weight} >= {low}")  # noqa: S608
    return {"weight_histogram": histogram, "pairs": pairs}


def cluster_pairs(pairs: pd.DataFrame, size: int, settings: LinkageSettings) -> pd.DataFrame:
    """`unique_id, cluster_id` for `size` records from the scored pairs (at or above the review
    band): closure over the pairs at or above the threshold, split by the cohesion guard."""
    left = pairs["unique_id_l"].to_numpy(dtype=np.int64)
    right = pairs["unique_id_r"].to_numpy(dtype=np.int64)
    weight = pairs["match_weight"].to_numpy(dtype=np.float64)
    if settings.cohesion is None:
        linked = weight >= settings.threshold_weight
        labels = closure_labels(size, left[linked], right[linked])
    else:
        scored = ScoredPairs(size, left, right, weight, settings.floor_weight)
        labels = guarded_labels(scored, settings.threshold_weight, settings.cohesion)
    return pd.DataFrame({"unique_id": np.arange(size), "cluster_id": labels})


def run_splink(
    frame: pd.DataFrame,
    spec: ModelSpec,
    settings: LinkageSettings,
    progress: Progress = no_progress,
) -> SplinkRun:
    """Link the standardised `frame` (one row per record, `unique_id`) with Splink."""
    watch = _Stopwatch(progress)
    watch.start("train")
    db_api = database_api(settings.engine)
    try:
        records = db_api.register(frame, dataset_display_name="records")
        model_source: Any = str(settings.model) if settings.model else _splink_settings(spec)
        linker = Linker(records, model_source, log_level=logging.ERROR)
        if settings.model is None:
            _train(linker, spec, settings)
        watch.start("predict")
        predictions = linker.inference.predict(warning_mode="never")
        shift = _reestimate_prior(linker, predictions, len(frame)) if settings.model is None else 0
        watch.start("collect")
        collected = _collect(linker, predictions, settings, shift)
        model = linker.misc.save_model_to_json()
    finally:
        close(db_api, settings.engine)
    watch.start("cluster")
    clusters = cluster_pairs(collected["pairs"], len(frame), settings)
    timings = watch.stop()
    return SplinkRun(
        clusters=clusters,
        model=model,
        compared_pairs=int(collected["weight_histogram"]["pairs"].sum()),
        timings=timings,
        **collected,
    )
