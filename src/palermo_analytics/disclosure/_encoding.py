"""Integer codes for a table's dimensions at every level of their hierarchies.

Rows are first collapsed to their distinct combinations (with a weight: how many persons share
it), so the lattice search works on group-bys of small integer arrays, never on strings.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from palermo_analytics.disclosure._hierarchies import Dimension

Codes = np.ndarray


def _small_range(rows: int) -> int:
    """Key ranges up to this are renumbered by a lookup table (several times faster than
    sorting or hashing the keys)."""
    return 4 * rows + (1 << 20)


def densify(key: Codes, size: int | None = None) -> tuple[Codes, int]:
    """Renumber int64 keys 0..m-1 (in the keys' order): by a lookup table when the key range is
    small, else by sorting (numpy's sort-based unique is about twice as fast as hashing them
    with pandas.factorize at a million keys)."""
    if size is not None and size <= _small_range(len(key)):
        present = np.zeros(size, dtype=bool)
        present[key] = True
        renumber = np.cumsum(present, dtype=np.int64) - 1
        return renumber[key], int(renumber[-1] + 1) if size else 0
    uniques, codes = np.unique(key, return_inverse=True)
    return codes.astype(np.int64).reshape(-1), len(uniques)


def combine(arrays: list[Codes], cardinalities: list[int]) -> tuple[Codes, int]:
    """One dense code per distinct combination of the given code arrays."""
    key = np.zeros(len(arrays[0]) if arrays else 0, dtype=np.int64)
    size = 1
    for codes, cardinality in zip(arrays, cardinalities, strict=True):
        if size * cardinality > 2**62:
            key, size = densify(key)
        key = key * cardinality + codes
        size *= cardinality
    return densify(key, size)


def narrow(codes: Codes, cardinality: int) -> Codes:
    """The codes in the smallest unsigned type that holds them: the lattice search reads them
    for every node, and a byte is read eight times faster than an int64."""
    for dtype in (np.uint8, np.uint16, np.uint32):
        if cardinality <= np.iinfo(dtype).max + 1:
            return codes.astype(dtype, copy=False)
    return codes.astype(np.int64, copy=False)


def _column_codes(column: pd.Series) -> tuple[Codes, list[str]]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), [str(c) for c in column.cat.categories]
    codes, uniques = pd.factorize(column.astype(str), sort=False)
    return codes.astype(np.int64), [str(u) for u in uniques]


@dataclass
class EncodedDimension:
    dimension: Dimension
    codes: list[Codes]  # per level: a code for each distinct row
    cardinalities: list[int]
    labels: list[pd.DataFrame]  # per level: the released values of each code
    up: list[Codes]  # per level but the top: the code one level up of each code


@dataclass
class EncodedTable:
    weights: Codes  # persons per distinct row
    dimensions: list[EncodedDimension]

    @property
    def persons(self) -> int:
        return int(self.weights.sum())


def encode(table: pd.DataFrame, dimensions: tuple[Dimension, ...]) -> EncodedTable:
    per_dimension = [_joint_codes(table, d) for d in dimensions]
    row, distinct = combine([c for c, _ in per_dimension], [len(u) for _, u in per_dimension])
    first = np.full(distinct, -1, dtype=np.int64)
    first[row[::-1]] = np.arange(len(row))[::-1]  # the first row of each distinct combination
    weights = np.bincount(row, minlength=distinct).astype(np.int64)
    encoded = [
        _encode_levels(dimension, codes[first], uniques)
        for dimension, (codes, uniques) in zip(dimensions, per_dimension, strict=True)
    ]
    return EncodedTable(weights, encoded)


def _joint_codes(table: pd.DataFrame, dimension: Dimension) -> tuple[Codes, pd.DataFrame]:
    """A code per row for the dimension's columns taken together, and the distinct values."""
    columns = [_column_codes(table[c]) for c in dimension.columns]
    joint, count = combine([c for c, _ in columns], [len(labels) for _, labels in columns])
    first = np.full(count, -1, dtype=np.int64)
    first[joint[::-1]] = np.arange(len(joint))[::-1]
    uniques = pd.DataFrame(
        {
            name: np.asarray(labels, dtype=object)[codes[first]]
            for name, (codes, labels) in zip(dimension.columns, columns, strict=True)
        }
    )
    return joint, uniques


def _encode_levels(dimension: Dimension, codes: Codes, uniques: pd.DataFrame) -> EncodedDimension:
    level_codes, cardinalities, labels, on_uniques = [], [], [], []
    for level in dimension.levels:
        released = level.generalise(uniques).reset_index(drop=True)
        mapped, count = combine(
            [pd.factorize(released[c])[0].astype(np.int64) for c in released.columns],
            [len(released)] * len(released.columns),
        )
        first = np.full(count, -1, dtype=np.int64)
        first[mapped[::-1]] = np.arange(len(mapped))[::-1]
        level_codes.append(narrow(mapped[codes], count))
        cardinalities.append(count)
        labels.append(released.iloc[first].reset_index(drop=True))
        on_uniques.append(mapped)
    # Hierarchies nest (each level is a function of the one below), so a code maps one level up.
    up = []
    for below, above, count, parents in zip(
        on_uniques, on_uniques[1:], cardinalities, cardinalities[1:], strict=False
    ):
        parent = np.zeros(count, dtype=np.int64)
        parent[below] = above
        up.append(narrow(parent, parents))
    return EncodedDimension(dimension, level_codes, cardinalities, labels, up)
