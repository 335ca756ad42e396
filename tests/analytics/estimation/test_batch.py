"""Stepwise selection in lockstep gives each table its own estimate, and statsmodels' fit."""

import numpy as np
import pytest
import statsmodels.api as sm

from palermo_analytics.estimation._batch import fit_poisson_batch, stepwise_totals
from palermo_analytics.estimation._bootstrap import estimate_total, estimate_totals, resample
from palermo_analytics.estimation._model import model_shape
from tests.analytics.estimation.tables import fixture_table

TABLES = ["uk_2013_5lists", "new_orleans_8lists", "artificial_3lists"]


@pytest.mark.parametrize("dataset", TABLES)
def test_each_resampled_table_gets_the_estimate_it_gets_alone(dataset: str) -> None:
    table = fixture_table(dataset)
    t = len(table.lists)
    rows = resample(table.cell_counts, 300, seed=7)
    complete = (rows @ _memberships(t) > 0).all(axis=1)
    alone = np.array([estimate_total(row.astype(np.float64), t, "stepwise", 0.02) for row in rows])

    together = estimate_totals(rows, t, "stepwise", 0.02)

    assert complete.sum() > 250  # the lockstep path is the one tested, not the fallback
    # A replicate whose MLE does not exist drifts until the gain is negligible, so the two stop
    # at slightly different points; everywhere else they agree to rounding.
    assert together == pytest.approx(alone, rel=1e-4)
    assert np.median(np.abs(together / alone - 1)) < 1e-9


def _memberships(t: int) -> np.ndarray:
    from palermo_analytics.estimation._design import cell_memberships

    return cell_memberships(t)


@pytest.mark.parametrize(
    ("dataset", "pairs"), [("uk_2013_5lists", (0, 1, 5)), ("new_orleans_8lists", (18,))]
)
def test_the_batched_fit_matches_statsmodels_on_every_row(
    dataset: str, pairs: tuple[int, ...]
) -> None:
    table = fixture_table(dataset)
    t = len(table.lists)
    rows = resample(table.cell_counts, 20, seed=3).astype(np.float64)
    rows = rows[(rows @ _memberships(t) > 0).all(axis=1)]
    rows = rows[[model_shape(t, pairs, row).retained.all() for row in rows]]
    design = model_shape(t, pairs, rows[0]).design(t)

    coefficients, means = fit_poisson_batch(design, rows)

    for row, ours, fitted in zip(rows, coefficients, means, strict=True):
        theirs = sm.GLM(row, design, family=sm.families.Poisson()).fit(tol=1e-12)
        assert ours == pytest.approx(theirs.params, rel=1e-6, abs=1e-8)
        assert fitted == pytest.approx(theirs.fittedvalues, rel=1e-6)


def test_a_warm_start_and_a_cold_one_agree() -> None:
    table = fixture_table("uk_2013_5lists")
    rows = resample(table.cell_counts, 10, seed=5).astype(np.float64)
    design = model_shape(5, (), rows[0]).design(5)
    cold, _ = fit_poisson_batch(design, rows)
    warm, _ = fit_poisson_batch(design, rows, start=cold + 0.05)

    assert warm == pytest.approx(cold, rel=1e-6, abs=1e-8)


def test_stepwise_totals_match_the_published_table_estimate() -> None:
    table = fixture_table("uk_2013_5lists")
    counts = table.cell_counts.astype(np.float64)

    assert stepwise_totals(counts[None, :], 5, 0.02)[0] == pytest.approx(
        estimate_total(counts, 5, "stepwise", 0.02), rel=1e-9
    )
