"""Choosing the two-list interactions: stepwise by p-value (SparseMSE), AIC, BIC, all, or none;
"heterogeneity" is all of them with the heterogeneity term (see _design).

Every method starts from the main-effects model and adds one interaction per round. Candidates
are the pairs of lists not yet in the model, in the order (1, 2), (1, 3), ..., and a candidate whose
enlarged model fails the existence/identifiability check is never added.
"""

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.special import pdtr, pdtrc

from palermo_analytics.estimation._design import (
    FloatArray,
    cells_on_pair,
    list_pairs,
    observed_on_pairs,
)
from palermo_analytics.estimation._model import ModelFit, fit_model, model_existence_code

Method = Literal["stepwise", "main-effects", "aic", "bic", "all-pairs", "heterogeneity"]
METHODS: tuple[Method, ...] = (
    "stepwise",
    "main-effects",
    "aic",
    "bic",
    "all-pairs",
    "heterogeneity",
)


def as_selection(method: Method, threshold: float) -> tuple[Method, float]:
    """ "all-pairs" is stepwise with no significance test: every admissible pair is added.

    Heterogeneous visibility makes every pair of lists positively dependent, however weakly; a
    test that keeps only the clearest pairs reads the lists as more independent than they are
    and the estimate falls short (bench/coverage.py). A p-value of 1 marks an inadmissible
    candidate, so the threshold stays 1, not above it. "heterogeneity" selects as "all-pairs"
    does, with the heterogeneity term in every model (`has_heterogeneity_term`).
    """
    every_pair = method in ("all-pairs", "heterogeneity")
    return ("stepwise", 1.0) if every_pair else (method, threshold)


def has_heterogeneity_term(method: Method) -> bool:
    return method == "heterogeneity"


@dataclass(frozen=True)
class SelectionStep:
    """One round: each candidate's p-value (1 if its model fails the check) and what was added.

    `criteria` holds each admissible candidate's AIC or BIC for those methods. In the fast mode
    used by the bootstrap only the candidates needed for the decision are checked, so p-values are
    recorded only when `record` is set.
    """

    p_values: dict[int, float]
    criteria: dict[int, float]
    added: int | None


@dataclass(frozen=True)
class Selection:
    model: ModelFit
    steps: tuple[SelectionStep, ...]


def select_model(
    t: int, counts: FloatArray, method: Method, threshold: float = 0.02, *, record: bool = False
) -> Selection:
    """Select and fit a model of the cell counts by the given method."""
    heterogeneity = has_heterogeneity_term(method)
    method, threshold = as_selection(method, threshold)
    model = fit_model(t, (), counts, heterogeneity=heterogeneity)
    steps: list[SelectionStep] = []
    while True:
        step = _next_step(t, counts, model, method, threshold, record)
        if record or step.added is not None:
            steps.append(step)
        if step.added is None:
            return Selection(model, tuple(steps))
        enlarged = _enlarged(model, step.added)
        model = fit_model(t, enlarged, counts, model, heterogeneity=heterogeneity)


def _next_step(
    t: int, counts: FloatArray, model: ModelFit, method: Method, threshold: float, record: bool
) -> SelectionStep:
    candidates = [pair for pair in range(len(list_pairs(t))) if pair not in model.shape.pairs]
    raw_p_values = _p_values(model, counts, candidates)
    if method == "stepwise":
        return _stepwise_step(t, counts, model, candidates, raw_p_values, threshold, record)
    p_values = _checked_p_values(t, counts, model, candidates, raw_p_values) if record else {}
    if method == "main-effects" or not candidates:
        return SelectionStep(p_values, {}, None)
    penalty = 2.0 if method == "aic" else math.log(counts.sum())
    return _criterion_step(t, counts, model, candidates, penalty, p_values)


def _p_values(model: ModelFit, counts: FloatArray, candidates: list[int]) -> FloatArray:
    """min(P(X <= N*), P(X >= N*)) with X ~ Poisson(lambda*), for each candidate pair.

    lambda* is the current model's expected number of people on both lists, N* the observed one.
    """
    if not candidates:
        return np.zeros(0)
    expected = cells_on_pair(model.t)[candidates] @ model.fitted_means()
    observed = observed_on_pairs(model.t, counts)[candidates]
    at_most = pdtr(observed, expected)
    at_least = np.where(observed > 0, pdtrc(observed - 1, expected), 1.0)
    return np.asarray(np.minimum(at_most, at_least), dtype=np.float64)


def _enlarged(model: ModelFit, pair: int) -> tuple[int, ...]:
    return tuple(sorted((*model.shape.pairs, pair)))


def _admissible(t: int, counts: FloatArray, model: ModelFit, pair: int) -> bool:
    enlarged = _enlarged(model, pair)
    return model_existence_code(t, enlarged, counts, model.shape.heterogeneity) == 0


def _checked_p_values(
    t: int, counts: FloatArray, model: ModelFit, candidates: list[int], raw: FloatArray
) -> dict[int, float]:
    return {
        pair: float(p) if _admissible(t, counts, model, pair) else 1.0
        for pair, p in zip(candidates, raw, strict=True)
    }


def _stepwise_step(
    t: int,
    counts: FloatArray,
    model: ModelFit,
    candidates: list[int],
    raw: FloatArray,
    threshold: float,
    record: bool,
) -> SelectionStep:
    """Add the admissible candidate with the smallest p-value if it is below the threshold.

    Without `record`, candidates are checked in order of p-value (ties: lowest pair first) and the
    search stops at the first admissible one, which is the same choice with far fewer checks.
    """
    if record:
        p_values = _checked_p_values(t, counts, model, candidates, raw)
        best = min(p_values, key=lambda pair: (p_values[pair], pair), default=None)
        added = best if best is not None and p_values[best] < threshold else None
        return SelectionStep(p_values, {}, added)
    for position in np.argsort(raw, kind="stable"):
        if raw[position] >= threshold:
            break
        if _admissible(t, counts, model, candidates[position]):
            return SelectionStep({}, {}, candidates[position])
    return SelectionStep({}, {}, None)


def _criterion_step(
    t: int,
    counts: FloatArray,
    model: ModelFit,
    candidates: list[int],
    penalty: float,
    p_values: dict[int, float],
) -> SelectionStep:
    """Add the admissible candidate that lowers the AIC or BIC most, if any lowers it."""
    heterogeneity = model.shape.heterogeneity
    criteria = {
        pair: fit_model(
            t, _enlarged(model, pair), counts, model, heterogeneity=heterogeneity
        ).information_criterion(penalty)
        for pair in candidates
        if _admissible(t, counts, model, pair)
    }
    best = min(criteria, key=lambda pair: (criteria[pair], pair), default=None)
    current = model.information_criterion(penalty)
    added = best if best is not None and criteria[best] < current else None
    return SelectionStep(p_values, criteria, added)
