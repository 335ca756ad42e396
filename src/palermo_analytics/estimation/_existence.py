"""Does a log-linear model's maximum-likelihood estimate exist, and is it identifiable?

Code 0: it exists and is identifiable. Code 1: it does not exist (some fitted cell means go to zero,
so the estimate of the unseen is meaningless). Code 2: the retained design is rank-deficient, so
the parameters (and the estimate) are not identifiable. Code 3: both.
"""

from collections.abc import Callable, Hashable

import numpy as np

from palermo_analytics.estimation._design import FloatArray

MLE_DOES_NOT_EXIST = 1
NOT_IDENTIFIABLE = 2

# Effects of a unit direction smaller than this are rounding error, not a real change.
_NONZERO = 1e-9
_CACHE_LIMIT = 200_000
_cache: dict[Hashable, int] = {}


def existence_code(design: FloatArray, counts: FloatArray) -> int:
    """The existence (1) and identifiability (2) problems of a model, summed; 0 if none."""
    code = 0
    if (counts == 0).any() and not _has_positive_solution(design, counts):
        code += MLE_DOES_NOT_EXIST
    if _rank_deficient(design):
        code += NOT_IDENTIFIABLE
    return code


_rank_cache: dict[tuple[tuple[int, ...], bytes], bool] = {}


def _rank_deficient(design: FloatArray) -> bool:
    """Is the design's rank below its number of columns? Remembered by the design itself: it
    depends on the model and the dropped cells, not on the counts, and the bootstrap asks about
    the same few designs for thousands of different zero patterns."""
    key = (design.shape, design.tobytes())
    deficient = _rank_cache.get(key)
    if deficient is None:
        if len(_rank_cache) >= _CACHE_LIMIT:
            _rank_cache.clear()
        deficient = _rank_cache[key] = bool(np.linalg.matrix_rank(design) < design.shape[1])
    return deficient


def cached_existence_code(
    key: Hashable, problem: Callable[[], tuple[FloatArray, FloatArray]]
) -> int:
    """existence_code() of the (design, counts) that `problem()` builds, remembered under `key`,
    which must fix the design and the zero cells.

    The answer depends only on the design and on which cells are zero, and the bootstrap meets the
    same model with the same empty cells over and over; the problem is only built on a miss.
    """
    code = _cache.get(key)
    if code is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        code = _cache[key] = existence_code(*problem())
    return code


def _has_positive_solution(design: FloatArray, counts: FloatArray) -> bool:
    """Is there a strictly positive table with the same sufficient statistics as the data?

    That is the issue's linear program (max s subject to design' x = design' y, x >= s >= 0) being
    positive, and by Gordan's theorem of the alternative it fails exactly when some direction d
    keeps every non-empty cell's linear predictor (design_P d = 0) and raises some empty cell's
    without lowering any (design_Z d >= 0, not all zero): the likelihood then keeps growing along
    -d for ever. Such d lie in the null space of design_P, which is usually {0}, so the answer
    mostly comes from one small SVD rather than a linear program over every cell.
    """
    empty = counts == 0
    directions = _null_space(design[~empty])
    if directions.shape[1] == 0:
        return True
    effects = design[empty] @ directions  # how each direction moves the empty cells
    scale = max(1.0, float(np.abs(effects).max()))
    if directions.shape[1] == 1:
        return not _one_signed(effects[:, 0] / scale)
    return not _some_direction_raises_empty_cells(effects / scale)


def _null_space(matrix: FloatArray) -> FloatArray:
    """An orthonormal basis (as columns) of the vectors d with matrix @ d = 0."""
    _, singular_values, rows = np.linalg.svd(matrix, full_matrices=True)
    tolerance = max(matrix.shape) * np.finfo(np.float64).eps * max(1.0, *singular_values[:1])
    rank = int(np.sum(singular_values > tolerance))
    return np.asarray(rows[rank:].T)


def _one_signed(effect: FloatArray) -> bool:
    """Is the direction (or its opposite) non-negative on every empty cell and positive on one?"""
    raises, lowers = effect > _NONZERO, effect < -_NONZERO
    return bool(raises.any() != lowers.any())


def _some_direction_raises_empty_cells(effects: FloatArray) -> bool:
    """max sum(effects u) subject to 0 <= effects u <= 1: positive (at least 1) if such u exists."""
    # Imported here: most tables never need a linear program, and scipy.optimize is slow to load.
    from scipy.optimize import linprog

    count = effects.shape[0]
    result = linprog(
        -effects.sum(axis=0),
        A_ub=np.vstack([-effects, effects]),
        b_ub=np.concatenate([np.zeros(count), np.ones(count)]),
        bounds=(None, None),
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"existence check: the linear program failed: {result.message}")
    # A genuine direction can be scaled until its largest effect is 1, so the optimum is then at
    # least 1; anything far below is solver tolerance around a true optimum of 0.
    return bool(-result.fun > 0.5)
