"""Estimates within strata of covariates every list records (sex, age group, form...), added up.

Heterogeneity that a covariate explains (police find more sexual exploitation, labour inspectors
more forced labour) biases a pooled estimate; within a stratum people are more alike. Each stratum
is estimated on its own and the totals are added; the combined interval comes from adding one
draw of every stratum at a time (independent strata: a stratified bootstrap for the log-linear
models, the posterior of the total for the latent-class model).
"""

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Self

import numpy as np
import pandas as pd

from palermo_analytics.estimation._methods import (
    BASE_METHODS,
    MethodResult,
    MethodSettings,
    estimate_with,
)
from palermo_analytics.estimation._reporting import Interval, estimate_as_dict
from palermo_analytics.estimation._table import (
    COUNT_COLUMN,
    CaptureHistories,
    CaptureHistoryError,
    read_capture_histories,
)

# A combined interval adds this many random draws of every stratum.
_COMBINED_DRAWS = 4000


class StratifiedEstimator:
    """Estimate each stratum with `method` and add the estimates up.

    strata: the covariate columns of the table (the other columns but `count` are lists).
    """

    def __init__(
        self,
        strata: Sequence[str],
        method: str = "latent-class",
        settings: MethodSettings | None = None,
    ) -> None:
        if not strata:
            raise ValueError("name at least one stratum column")
        if method not in BASE_METHODS:
            raise ValueError(f"method must be one of {', '.join(BASE_METHODS)}, got {method!r}")
        self.strata = tuple(strata)
        self.method = method
        self.settings = settings or MethodSettings()

    def fit(self, source: pd.DataFrame | str | Path) -> Self:
        frame = source if isinstance(source, pd.DataFrame) else _read_frame(Path(source))
        missing = [name for name in (*self.strata, COUNT_COLUMN) if name not in frame.columns]
        if missing:
            raise CaptureHistoryError(f"header: no column {', '.join(map(repr, missing))}")
        lists = [str(c) for c in frame.columns if c not in (*self.strata, COUNT_COLUMN)]
        seeds = np.random.SeedSequence(self.settings.seed)
        results: dict[str, MethodResult] = {}
        self.warnings_: list[str] = []
        groups = frame.groupby(list(self.strata), sort=True, dropna=False)
        for (key, group), child in zip(groups, seeds.spawn(groups.ngroups), strict=True):
            name = _stratum_name(self.strata, key)
            results[name] = self._estimate_stratum(name, group, lists, child)
        self.results_ = results
        self.lists_ = tuple(lists)
        self.observed_ = sum(result.observed for result in results.values())
        self.estimate_ = sum(result.estimate for result in results.values())
        self.samples_ = _summed_draws(list(results.values()), seeds)
        tail = (1.0 - self.settings.level) / 2.0
        low, high = np.quantile(self.samples_, [tail, 1.0 - tail])
        self.interval_ = Interval("percentile", self.settings.level, float(low), float(high))
        return self

    def _estimate_stratum(
        self, name: str, group: pd.DataFrame, lists: list[str], seed: np.random.SeedSequence
    ) -> MethodResult:
        table = _stratum_table(group, lists)
        used = len(table.lists)
        if used < 2:
            # One list only: nothing to compare, so the stratum counts as what was seen.
            self.warnings_.append(
                f"stratum {name}: only {used} list has anyone in it, so its "
                f"{table.observed:,} people are counted as seen and nobody is estimated unseen "
                "(the total is too low by however many it missed)"
            )
            seen = float(table.observed)
            return MethodResult(
                name, table.observed, seen, Interval("percentile", 0, seen, seen), np.array([seen])
            )
        settings = replace(self.settings, seed=int(seed.generate_state(1)[0]))
        try:
            result = estimate_with(self.method, table, settings)
        except ValueError as error:  # e.g. bma refuses a stratum with only two lists in it
            raise type(error)(f"stratum {name}: {error}") from error
        self.warnings_ += [f"stratum {name}: {warning}" for warning in result.warnings]
        return result

    def summary(self) -> pd.DataFrame:
        """One row per stratum and one for the total: observed, estimate and interval."""
        rows = {
            name: (r.observed, r.estimate, r.interval.low, r.interval.high)
            for name, r in self.results_.items()
        }
        rows["total"] = (self.observed_, self.estimate_, self.interval_.low, self.interval_.high)
        return pd.DataFrame.from_dict(
            rows, orient="index", columns=["observed", "estimate", "low", "high"]
        ).rename_axis("stratum")

    def to_dict(self) -> dict[str, Any]:
        model = {
            "method": "stratified",
            "within": self.method,
            "strata": {name: r.to_dict() for name, r in self.results_.items()},
        }
        return estimate_as_dict(
            self.lists_, self.observed_, self.estimate_, self.interval_, model, self.warnings_
        )


def _read_frame(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CaptureHistoryError(f"cannot read {path}: {error}") from error


def _stratum_table(group: pd.DataFrame, lists: list[str]) -> CaptureHistories:
    """The stratum's capture histories, without the lists nobody in it is on."""
    table = group.loc[:, [*lists, COUNT_COLUMN]]
    values = table.apply(pd.to_numeric, errors="coerce")
    used = [name for name in lists if (values[name] * values[COUNT_COLUMN]).sum() > 0]
    kept = table.loc[:, [*used, COUNT_COLUMN]]
    if len(used) < 2:
        return CaptureHistories(tuple(used), np.array([int(values[COUNT_COLUMN].sum())]))
    on_some = values.loc[:, used].sum(axis=1) > 0
    return read_capture_histories(kept.loc[on_some])


def _stratum_name(strata: tuple[str, ...], key: Any) -> str:
    values = key if isinstance(key, tuple) else (key,)
    return ", ".join(f"{s}={v}" for s, v in zip(strata, values, strict=True))


def _summed_draws(results: list[MethodResult], seeds: np.random.SeedSequence) -> np.ndarray:
    rng = np.random.default_rng(seeds.spawn(1)[0])
    total = np.zeros(_COMBINED_DRAWS)
    for result in results:
        total += rng.choice(result.draws, size=_COMBINED_DRAWS, replace=True)
    return total
