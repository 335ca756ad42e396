"""Several methods on one table, and the range they span when they disagree.

No test on the table can tell heterogeneous visibility from list dependence, and the methods make
different assumptions about both. When their intervals do not overlap, the data cannot choose
between them, and the honest range runs from the lowest lower bound to the highest upper bound.
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Self

import numpy as np
import pandas as pd

from palermo_analytics.estimation._methods import (
    BASE_METHODS,
    MethodResult,
    MethodSettings,
    estimate_with,
)
from palermo_analytics.estimation._table import TableSource, read_capture_histories
from palermo_analytics.estimation._warnings import sparsity_warnings

# Their range held the true N most often on the benchmark worlds, from true and from linked
# histories (bench/coverage.py; docs/estimation.md).
DEFAULT_COMPARED = ("all-pairs", "heterogeneity", "latent-class")


class MethodComparison:
    """Run `methods` on one table; `range_` spans their intervals, `disagree_` says if it must."""

    def __init__(
        self, methods: Sequence[str] = DEFAULT_COMPARED, settings: MethodSettings | None = None
    ) -> None:
        unknown = [method for method in methods if method not in BASE_METHODS]
        if unknown or len(methods) < 2:
            raise ValueError(
                f"compare two or more of {', '.join(BASE_METHODS)}; got {', '.join(methods)}"
            )
        self.methods = tuple(methods)
        self.settings = settings or MethodSettings()

    def fit(self, source: TableSource) -> Self:
        table = read_capture_histories(source)
        seeds = np.random.SeedSequence(self.settings.seed).spawn(len(self.methods))
        self.results_: dict[str, MethodResult] = {}
        for method, seed in zip(self.methods, seeds, strict=True):
            settings = replace(self.settings, seed=int(seed.generate_state(1)[0]))
            self.results_[method] = estimate_with(method, table, settings)
        self.lists_ = table.lists
        self.observed_ = table.observed
        intervals = [result.interval for result in self.results_.values()]
        self.range_ = (min(i.low for i in intervals), max(i.high for i in intervals))
        self.disagree_ = any(
            not other.interval.low <= result.estimate <= other.interval.high
            for result in self.results_.values()
            for other in self.results_.values()
        )
        self.warnings_ = [*table.notes, *sparsity_warnings(table)]
        if self.disagree_:
            self.warnings_.append(
                "the methods disagree: an estimate lies outside another method's interval; "
                f"report the range {self.range_[0]:,.0f} to {self.range_[1]:,.0f}, not one of them"
            )
        return self

    def summary(self) -> pd.DataFrame:
        """One row per method: estimate, interval and the assumptions it rests on."""
        return pd.DataFrame(
            {
                method: {
                    "estimate": r.estimate,
                    "low": r.interval.low,
                    "high": r.interval.high,
                    "interval": r.interval.method,
                    "assumptions": r.assumptions,
                }
                for method, r in self.results_.items()
            }
        ).T.rename_axis("method")

    def to_dict(self) -> dict[str, Any]:
        return {
            "lists": list(self.lists_),
            "observed": self.observed_,
            "range": list(self.range_),
            "disagree": self.disagree_,
            "methods": {method: r.to_dict() for method, r in self.results_.items()},
            "warnings": self.warnings_,
        }
