"""The fast Poisson fitter agrees with statsmodels' GLM."""

import numpy as np
import pytest
import statsmodels.api as sm

from palermo_analytics.estimation._glm import fit_poisson
from palermo_analytics.estimation._model import fit_model, model_shape
from tests.analytics.estimation.tables import fixture_table

MODELS = [
    ("uk_2013_5lists", (0, 1, 5, 6, 8, 9)),
    ("new_orleans_8lists", (18,)),
    ("uk_2013_5lists", ()),
]


@pytest.mark.parametrize(("dataset", "pairs"), MODELS)
def test_fit_matches_statsmodels(dataset: str, pairs: tuple[int, ...]) -> None:
    table = fixture_table(dataset)
    t, counts = len(table.lists), table.cell_counts.astype(np.float64)
    design = model_shape(t, pairs, counts).design(t)
    ours = fit_poisson(design, counts)
    theirs = sm.GLM(counts, design, family=sm.families.Poisson()).fit(tol=1e-12)
    assert ours.converged
    assert ours.coefficients == pytest.approx(theirs.params, rel=1e-6, abs=1e-9)
    assert np.sqrt(np.diag(ours.covariance)) == pytest.approx(theirs.bse, rel=1e-6)
    assert ours.log_likelihood == pytest.approx(theirs.llf, rel=1e-9)


def test_a_warm_start_reaches_the_same_fit() -> None:
    table = fixture_table("uk_2013_5lists")
    counts = table.cell_counts.astype(np.float64)
    smaller = fit_model(5, (0, 1), counts)
    cold = fit_model(5, (0, 1, 5), counts)
    warm = fit_model(5, (0, 1, 5), counts, start=smaller)
    assert warm.fit.coefficients == pytest.approx(cold.fit.coefficients, rel=1e-8, abs=1e-10)
    assert warm.fit.iterations <= cold.fit.iterations


def test_a_fit_whose_mle_does_not_exist_stops_with_a_vanishing_cell() -> None:
    # A:B on the artificial table: the cells with A and C or B and C must be fitted as zero.
    table = fixture_table("artificial_3lists")
    model = fit_model(3, (0,), table.cell_counts.astype(np.float64))
    assert model.fitted_means()[4] < 1e-3  # cell code 5: on A and C
