"""Existence and identifiability checks, against the issue's linear program."""

import numpy as np
import pytest
from scipy.optimize import linprog

from palermo_analytics.estimation import check_existence
from palermo_analytics.estimation._bootstrap import resample
from palermo_analytics.estimation._design import FloatArray, list_pairs
from palermo_analytics.estimation._existence import existence_code
from palermo_analytics.estimation._model import model_shape
from tests.analytics.estimation.tables import fixture_table


@pytest.mark.parametrize(
    ("interactions", "code"),
    [(["A:B", "A:C", "B:C"], 2), (["A:B"], 1), (["A:C", "B:C"], 0), ([], 0)],
)
def test_artificial_table_codes_match_the_paper(interactions: list[str], code: int) -> None:
    assert check_existence(fixture_table("artificial_3lists"), interactions) == code


def test_unknown_interaction_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown interactions"):
        check_existence(fixture_table("artificial_3lists"), ["A:Z"])


def _mle_exists_by_linear_program(design: FloatArray, counts: FloatArray) -> bool:
    """The issue's statement: max s subject to design' x = design' y, x >= s, x >= 0; s > 0."""
    cells, parameters = design.shape
    objective = np.zeros(cells + 1)
    objective[-1] = -1.0
    result = linprog(
        objective,
        A_ub=np.hstack([-np.eye(cells), np.ones((cells, 1))]),
        b_ub=np.zeros(cells),
        A_eq=np.hstack([design.T, np.zeros((parameters, 1))]),
        b_eq=design.T @ counts,
        bounds=(0, None),
        method="highs",
    )
    return bool(-result.fun > 1e-6)


@pytest.mark.parametrize("dataset", ["artificial_3lists", "uk_2013_5lists", "new_orleans_8lists"])
def test_fast_check_agrees_with_the_linear_program(dataset: str) -> None:
    table = fixture_table(dataset)
    t = len(table.lists)
    generator = np.random.default_rng(3)
    checked = 0
    for row in resample(table.cell_counts, 12, seed=1):
        counts = row.astype(np.float64)
        for size in generator.integers(0, min(len(list_pairs(t)), 8) + 1, size=8):
            pairs = tuple(sorted(generator.choice(len(list_pairs(t)), size, replace=False)))
            shape = model_shape(t, pairs, counts)
            design, retained = shape.design(t), counts[shape.retained]
            exists = existence_code(design, retained) & 1 == 0
            assert exists == _mle_exists_by_linear_program(design, retained), (dataset, pairs)
            checked += 1
    assert checked == 96
