"""The public estimator: fit a capture-history table, read the estimate, ask for an interval."""

import math
from functools import partial
from typing import Any, Self

import numpy as np
import pandas as pd
from scipy.special import ndtr

from palermo_analytics.estimation._bootstrap import (
    Progress,
    estimate_in_parallel,
    estimate_totals,
    jackknife_tables,
    resample_with,
)
from palermo_analytics.estimation._design import heterogeneity_column, list_pairs, pair_name
from palermo_analytics.estimation._intervals import (
    bca_interval,
    bca_monte_carlo_error,
    normal_interval,
)
from palermo_analytics.estimation._model import ModelFit, model_existence_code
from palermo_analytics.estimation._reporting import (
    ADAPTIVE_BATCHES,
    TARGET_RELATIVE_ERROR,
    BootstrapResult,
    Interval,
    bootstrap_warnings,
    estimate_as_dict,
    fit_warnings,
)
from palermo_analytics.estimation._selection import METHODS, Method, Selection, select_model
from palermo_analytics.estimation._table import (
    CaptureHistories,
    TableSource,
    read_capture_histories,
)

HETEROGENEITY_TERM = "heterogeneity (2^k - 1)"


class MultipleSystemsEstimator:
    """Multiple Systems Estimation with a Poisson log-linear model, as SparseMSE does it.

    method: "stepwise" adds the two-list interaction with the smallest p-value while it is below
    `threshold` (SparseMSE's default procedure); "main-effects" fits no interactions; "aic" and
    "bic" add, one at a time, the interaction that lowers the criterion most; "all-pairs" adds
    every admissible one (stepwise without a test; `threshold` is then not used); "heterogeneity"
    is "all-pairs" with Rcapture's Poisson heterogeneity term (2^k - 1 for people on k lists).
    """

    def __init__(self, method: Method = "stepwise", threshold: float = 0.02) -> None:
        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.method: Method = method
        self.threshold = threshold

    def fit(self, source: TableSource) -> Self:
        """Select and fit the model; `source` is a CaptureHistories, a DataFrame or a CSV path."""
        table = read_capture_histories(source)
        counts = table.cell_counts.astype(np.float64)
        selection = select_model(len(table.lists), counts, self.method, self.threshold, record=True)
        self._set_fitted_attributes(table, selection)
        return self

    def _set_fitted_attributes(self, table: CaptureHistories, selection: Selection) -> None:
        model = selection.model
        t = len(table.lists)
        self.table_ = table
        self.lists_ = table.lists
        self.observed_ = table.observed
        self.unseen_ = model.unseen
        self.estimate_ = table.observed + model.unseen
        self.interactions_ = [pair_name(table.lists, pair) for pair in model.shape.pairs]
        self.non_overlapping_ = [pair_name(table.lists, p) for p in model.shape.dropped_pairs]
        counts = table.cell_counts.astype(np.float64)
        self.existence_code_ = model_existence_code(
            t, model.shape.pairs, counts, model.shape.heterogeneity
        )
        self.candidate_p_values_ = _last_p_values(table.lists, selection)
        self.steps_ = selection.steps
        self.log_likelihood_ = model.fit.log_likelihood
        self.aic_ = model.information_criterion(2.0)
        self.bic_ = model.information_criterion(math.log(table.observed))
        self.converged_ = model.fit.converged
        self.warnings_ = fit_warnings(table, model, self.existence_code_, self.non_overlapping_)
        self.bootstrap_: BootstrapResult | None = None
        self._model: ModelFit = model

    def normal_interval(self, level: float = 0.95) -> Interval:
        """The quick interval: observed + exp(Normal quantiles of the intercept)."""
        intercept = float(self._model.fit.coefficients[0])
        se = self._model.intercept_standard_error
        low, high = normal_interval(self.observed_, intercept, se, level)
        return Interval("normal", level, low, high)

    def bootstrap(
        self,
        n_replicates: int | None = None,
        *,
        seed: int | None = None,
        level: float = 0.95,
        progress: Progress | None = None,
        workers: int | None = None,
    ) -> BootstrapResult:
        """A BCa interval from rerunning the whole selection on resampled tables.

        Each replicate draws the observed number of people from the observed ones and selects
        its own model; the acceleration comes from a jackknife that also reselects. Without
        `n_replicates`, replicates are added (1,000, then doubling up to 8,000) until the
        Monte-Carlo error of both bounds is at most 2 % of the estimate. `progress(done, total)`
        is called as replicates finish. `workers` processes share the work (default: every core;
        1 runs here), and the same seed gives the same result for any number of workers.
        In a process that runs other threads the workers start afresh, so a script calling this
        needs the usual `if __name__ == "__main__":` guard.
        """
        if n_replicates is not None and n_replicates < 2:
            raise ValueError(f"n_replicates must be at least 2, got {n_replicates}")
        counts = self.table_.cell_counts
        estimate = partial(
            estimate_totals, t=len(self.lists_), method=self.method, threshold=self.threshold
        )
        generator = np.random.default_rng(seed)
        jackknife_rows, weights = jackknife_tables(counts)
        jackknife = None
        replicates = np.zeros(0)
        for batch in [n_replicates] if n_replicates else list(ADAPTIVE_BATCHES):
            done = replicates.size
            new, jackknife_new = estimate_in_parallel(
                resample_with(generator, counts, batch),
                jackknife_rows[:0] if jackknife is not None else jackknife_rows,
                estimate,
                workers=workers,
                progress=_offset(progress, done, done + batch),
            )
            jackknife = jackknife_new if jackknife is None else jackknife
            replicates = np.concatenate([replicates, new])
            result = _bootstrap_result(self.estimate_, replicates, jackknife, weights, level)
            if n_replicates or result.relative_error <= TARGET_RELATIVE_ERROR:
                break
        self.bootstrap_ = result
        return result

    def summary(self) -> pd.DataFrame:
        """One row per model term: coefficient, standard error, z and its two-sided p-value.

        An interaction that nobody is on both lists of has coefficient minus infinity.
        """
        model = self._model
        first_pair_column = 1 + len(self.lists_)
        terms = [self._term_name(column) for column in model.shape.columns[first_pair_column:]]
        names = ["(intercept)", *self.lists_, *terms]
        coefficients = model.fit.coefficients
        errors = np.sqrt(np.diag(model.fit.covariance))
        frame = pd.DataFrame(
            {"coefficient": coefficients, "std_error": errors, "z": coefficients / errors},
            index=pd.Index(names, name="term"),
        )
        frame["p_value"] = 2.0 * ndtr(-np.abs(frame["z"].to_numpy()))
        dropped = pd.DataFrame(
            {"coefficient": -np.inf, "std_error": np.nan, "z": np.nan, "p_value": np.nan},
            index=pd.Index(self.non_overlapping_, name="term"),
        )
        return pd.concat([frame, dropped]) if self.non_overlapping_ else frame

    def _term_name(self, column: int) -> str:
        t = len(self.lists_)
        if column == heterogeneity_column(t):
            return HETEROGENEITY_TERM
        return pair_name(self.lists_, column - 1 - t)

    def to_dict(self, level: float = 0.95) -> dict[str, Any]:
        """The result as plain data: the BCa interval if bootstrapped, else the normal one."""
        interval = self.bootstrap_.interval if self.bootstrap_ else self.normal_interval(level)
        extra_warnings = self.bootstrap_.warnings if self.bootstrap_ else []
        model: dict[str, Any] = {
            "method": self.method,
            "interactions": self.interactions_,
            "heterogeneity_term": self._model.shape.heterogeneity,
            "existence_code": self.existence_code_,
        }
        if self.bootstrap_:
            model["bootstrap"] = self.bootstrap_.to_dict()
        return estimate_as_dict(
            self.lists_,
            self.observed_,
            self.estimate_,
            interval,
            model,
            [*self.warnings_, *extra_warnings],
        )


def _last_p_values(lists: tuple[str, ...], selection: Selection) -> dict[str, float]:
    """Each pair's p-value in the last round it was a candidate, in the order (1, 2), (1, 3), ..."""
    last: dict[int, float] = {}
    for step in selection.steps:
        last.update(step.p_values)
    return {pair_name(lists, p): last[p] for p in range(len(list_pairs(len(lists)))) if p in last}


def _bootstrap_result(
    estimate: float,
    replicates: np.ndarray,
    jackknife: np.ndarray,
    weights: np.ndarray,
    level: float,
) -> BootstrapResult:
    finite = np.isfinite(replicates)
    usable = np.isfinite(jackknife)
    bca = bca_interval(estimate, replicates[finite], jackknife[usable], weights[usable], level)
    error = bca_monte_carlo_error(estimate, replicates[finite], bca.acceleration, level)
    warnings = bootstrap_warnings(replicates, bca, error, estimate)
    interval = Interval("bca", level, bca.low, bca.high)
    return BootstrapResult(interval, replicates, bca, warnings, error, estimate)


def _offset(progress: Progress | None, done: int, total: int) -> Progress | None:
    """Report a batch's progress as part of every replicate so far."""
    if progress is None:
        return None
    return lambda batch_done, _batch_total: progress(done + batch_done, total)


def check_existence(source: TableSource, interactions: list[str]) -> int:
    """The existence code of the model with these interactions (e.g. ["A:B"]) on this table.

    0: the estimate exists and is identifiable; 1: the MLE does not exist; 2: not identifiable;
    3: both.
    """
    table = read_capture_histories(source)
    names = {
        pair_name(table.lists, pair): pair for pair in range(len(list_pairs(len(table.lists))))
    }
    unknown = [name for name in interactions if name not in names]
    if unknown:
        raise ValueError(f"unknown interactions {unknown}; expected names like {next(iter(names))}")
    pairs = tuple(sorted({names[name] for name in interactions}))
    counts = table.cell_counts.astype(np.float64)
    return model_existence_code(len(table.lists), pairs, counts)
