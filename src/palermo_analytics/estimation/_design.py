"""Design matrices of log-linear models over the 2^t - 1 observable capture patterns.

Cells are ordered by binary code (bit i = on list i), starting at code 1. The full design has
columns [intercept, one main effect per list, one interaction per pair of lists, heterogeneity]; a
model is a choice of interaction columns, with or without the heterogeneity column, so its design is
a column subset of the full one.

The heterogeneity column is Rcapture's "Poisson" term with theta = 2 (Rivest & Levesque 2001;
Baillargeon & Rivest 2007): 2^k - 1 for people seen on k lists. Uneven visibility puts more people
on many lists than any set of two-list interactions predicts; the term takes up that excess, which
the two-list interactions would otherwise read as dependence between lists.
"""

from functools import cache
from itertools import combinations

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


@cache
def list_pairs(t: int) -> tuple[tuple[int, int], ...]:
    """Every pair of lists in the candidate order (0, 1), (0, 2), ..., (t - 2, t - 1)."""
    return tuple(combinations(range(t), 2))


@cache
def cell_memberships(t: int) -> BoolArray:
    """A (2^t - 1, t) matrix: whether the people in each cell are on each list."""
    codes = np.arange(1, 2**t)
    memberships = ((codes[:, None] >> np.arange(t)) & 1).astype(bool)
    memberships.flags.writeable = False
    return memberships


@cache
def full_design(t: int) -> FloatArray:
    """The design with every column: intercept, t main effects, every pair's interaction, then
    the heterogeneity term."""
    on = cell_memberships(t)
    pair_columns = [on[:, i] & on[:, j] for i, j in list_pairs(t)]
    columns = [np.ones(on.shape[0], dtype=bool), *on.T, *pair_columns]
    heterogeneity = 2.0 ** on.sum(axis=1) - 1.0
    design = np.column_stack([*columns, heterogeneity]).astype(np.float64)
    design.flags.writeable = False
    return design


@cache
def cells_on_pair(t: int) -> BoolArray:
    """A (pairs, cells) matrix: whether each cell's people are on both lists of each pair."""
    on_both = full_design(t)[:, 1 + t : 1 + t + len(list_pairs(t))].T.astype(bool)
    on_both.flags.writeable = False
    return on_both


def heterogeneity_column(t: int) -> int:
    """The heterogeneity term's index in the full design (its last column)."""
    return 1 + t + len(list_pairs(t))


def model_columns(t: int, pairs: tuple[int, ...], heterogeneity: bool = False) -> list[int]:
    """Column indexes into the full design for main effects plus the given pair indexes, and the
    heterogeneity term when asked."""
    extra = [heterogeneity_column(t)] if heterogeneity else []
    return list(range(1 + t)) + [1 + t + pair for pair in pairs] + extra


def pair_name(lists: tuple[str, ...], pair: int) -> str:
    """The interaction's name, e.g. "LA:NG"."""
    i, j = list_pairs(len(lists))[pair]
    return f"{lists[i]}:{lists[j]}"


def observed_on_pairs(t: int, counts: FloatArray) -> FloatArray:
    """For every pair of lists, how many people were seen on both."""
    return cells_on_pair(t) @ counts
