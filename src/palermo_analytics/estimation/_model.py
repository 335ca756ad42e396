"""One log-linear model fitted to one table: main effects plus chosen two-list interactions, and
the heterogeneity term for the method that has it (see _design).

If nobody is on both lists of an interaction in the model, the maximum-likelihood estimate of that
interaction is minus infinity: every cell with both lists has fitted mean zero. That extended MLE is
fitted by dropping those cells and the interaction's column, as SparseMSE does.
"""

from dataclasses import dataclass

import numpy as np

from palermo_analytics.estimation._design import (
    BoolArray,
    FloatArray,
    cells_on_pair,
    full_design,
    model_columns,
    observed_on_pairs,
)
from palermo_analytics.estimation._existence import cached_existence_code
from palermo_analytics.estimation._glm import PoissonFit, fit_poisson


@dataclass(frozen=True)
class ModelShape:
    """Which cells and design columns a model keeps on a given table."""

    pairs: tuple[int, ...]
    dropped_pairs: tuple[int, ...]
    retained: BoolArray
    columns: list[int]
    heterogeneity: bool = False

    def design(self, t: int) -> FloatArray:
        return full_design(t)[np.ix_(self.retained, self.columns)]


@dataclass(frozen=True)
class ModelFit:
    """A fitted model; `fit` covers the retained cells and columns only."""

    t: int
    shape: ModelShape
    fit: PoissonFit

    @property
    def unseen(self) -> float:
        """The fitted number of people on no list, exp(intercept)."""
        return float(np.exp(self.fit.coefficients[0]))

    @property
    def intercept_standard_error(self) -> float:
        return float(np.sqrt(self.fit.covariance[0, 0]))

    @property
    def parameter_count(self) -> int:
        """Fitted columns plus one per dropped interaction (estimated as minus infinity)."""
        return len(self.shape.columns) + len(self.shape.dropped_pairs)

    def fitted_means(self) -> FloatArray:
        """Fitted means for every observable cell, zero for the dropped ones."""
        means = np.zeros(self.shape.retained.size)
        means[self.shape.retained] = self.fit.fitted
        return means

    def information_criterion(self, penalty_per_parameter: float) -> float:
        """-2 log-likelihood + penalty * parameters: AIC with 2, BIC with log(observed)."""
        return -2.0 * self.fit.log_likelihood + penalty_per_parameter * self.parameter_count


def model_shape(
    t: int, pairs: tuple[int, ...], counts: FloatArray, heterogeneity: bool = False
) -> ModelShape:
    """Drop the interactions that nobody is on both lists of, and the cells they cover."""
    on_both = observed_on_pairs(t, counts)
    dropped = tuple(pair for pair in pairs if on_both[pair] == 0)
    retained = ~cells_on_pair(t)[list(dropped)].any(axis=0)
    kept = tuple(pair for pair in pairs if pair not in dropped)
    columns = model_columns(t, kept, heterogeneity)
    return ModelShape(pairs, dropped, retained, columns, heterogeneity)


def model_existence_code(
    t: int, pairs: tuple[int, ...], counts: FloatArray, heterogeneity: bool = False
) -> int:
    """The existence/identifiability code of the model on this table (see _existence)."""
    zero_cells = np.packbits(counts == 0).tobytes()

    def problem() -> tuple[FloatArray, FloatArray]:
        shape = model_shape(t, pairs, counts, heterogeneity)
        return shape.design(t), counts[shape.retained]

    return cached_existence_code((t, pairs, heterogeneity, zero_cells), problem)


def fit_model(
    t: int,
    pairs: tuple[int, ...],
    counts: FloatArray,
    start: ModelFit | None = None,
    *,
    heterogeneity: bool = False,
) -> ModelFit:
    """Fit the model, starting from a smaller model's coefficients when given."""
    shape = model_shape(t, pairs, counts, heterogeneity)
    initial = None if start is None else _coefficients_for(shape.columns, start)
    fit = fit_poisson(shape.design(t), counts[shape.retained], initial)
    return ModelFit(t, shape, fit)


def _coefficients_for(columns: list[int], start: ModelFit) -> FloatArray:
    """The start model's coefficients on the new columns, zero for columns it did not have."""
    known = dict(zip(start.shape.columns, start.fit.coefficients, strict=True))
    return np.array([known.get(column, 0.0) for column in columns])
