"""A node's equivalence classes from one sort of packed integer keys.

Each dimension's code at the node's level is one digit of an int64 key (its base: the number of
codes at that level). Sorting the keys puts each class in one run, so class sizes are run lengths:
one `np.sort` of a million int64 keys costs a fraction of hashing them (pandas.factorize,
np.unique with inverse). The sensitive dimensions are the lowest digits, so `key // span` is the
class's quasi-identifier group and the runs of one group are adjacent: ℓ-diversity is counted on
the released classes only, never on the rows.
"""

from dataclasses import dataclass

import numpy as np

Codes = np.ndarray

KEY_LIMIT = 2**62  # keys stay below this, so no multiplication or sum can overflow int64


@dataclass(frozen=True)
class KeyLayout:
    span: int  # every key is below it: the product of the bases
    cardinalities: tuple[int, ...]  # per dimension, in the table's order
    strides: tuple[int, ...]  # the value of one unit of each dimension's digit
    sensitive_span: int  # the product of the sensitive dimensions' bases: the low digits


def key_layout(cardinalities: list[int], sensitive: list[bool]) -> KeyLayout | None:
    """Quasi-identifier digits high, sensitive digits low; None if the key cannot fit int64."""
    order = [i for i, s in enumerate(sensitive) if not s] + [
        i for i, s in enumerate(sensitive) if s
    ]
    strides = [0] * len(cardinalities)
    span = 1
    for i in reversed(order):
        strides[i] = span
        span *= cardinalities[i]
        if span > KEY_LIMIT:
            return None
    sensitive_span = int(np.prod([c for c, s in zip(cardinalities, sensitive, strict=True) if s]))
    return KeyLayout(span, tuple(cardinalities), tuple(strides), sensitive_span)


def pack(codes: list[Codes], layout: KeyLayout) -> Codes:
    rows = len(codes[0]) if codes else 0
    key, scaled = np.zeros(rows, dtype=np.int64), np.empty(rows, dtype=np.int64)
    for digit, stride, base in zip(codes, layout.strides, layout.cardinalities, strict=True):
        if base > 1:  # a withheld dimension has one code, 0: it adds nothing to the key
            scaled[...] = digit  # widen in place, then scale: a third of a casting multiply
            if stride > 1:
                scaled *= stride
            key += scaled
    return key


def digit(keys: Codes, layout: KeyLayout, dimension: int) -> Codes:
    return (keys // layout.strides[dimension]) % layout.cardinalities[dimension]


def run_changes(ordered: Codes) -> Codes:
    """True where a run of equal values begins in a sorted array."""
    change = np.empty(len(ordered), dtype=bool)
    if len(ordered):
        change[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=change[1:])
    return change


def run_starts(ordered: Codes) -> Codes:
    return np.flatnonzero(run_changes(ordered))


def group(keys: Codes, weights: Codes, span: int) -> tuple[Codes, Codes]:
    """The distinct keys (all below `span`), sorted, and the persons under each.

    A plain sort of int64 is several times faster than sorting with a companion array, so the
    weight rides in the low bits of the key when both fit in 62 bits. Otherwise many light rows
    (about one person each, as at the bottom of the lattice) are expanded to one key per person,
    whose run lengths are then the class sizes; few heavy rows are sorted with their weights.
    """
    persons = int(weights.sum())
    heaviest = int(weights.max()) if len(weights) else 0
    bits = heaviest.bit_length()
    if persons == len(keys):  # one person per row: no weights to carry
        ordered = keys.copy()
        ordered.sort()
        starts = run_starts(ordered)
        return ordered[starts], np.diff(np.append(starts, len(ordered)))
    if span << bits <= KEY_LIMIT:
        packed = keys << bits
        packed |= weights
        packed.sort()
        ordered = packed >> bits
        starts = run_starts(ordered)
        light = packed & ((1 << bits) - 1)
        return ordered[starts], np.add.reduceat(light, starts) if len(starts) else light
    if len(keys) * 8 < persons:
        order = np.argsort(keys, kind="stable")
        ordered, heavy = keys[order], weights[order]
        starts = run_starts(ordered)
        return ordered[starts], np.add.reduceat(heavy, starts) if len(starts) else heavy
    ordered = np.repeat(keys, weights)
    ordered.sort()
    starts = run_starts(ordered)
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def diverse_classes(
    keys: Codes,
    kept: Codes,
    layout: KeyLayout,
    sensitive: list[int],
    l: int,  # noqa: E741
) -> Codes:
    """Which kept classes lie in a quasi-identifier group holding ≥ ℓ distinct values of each
    sensitive dimension listed, counted over the kept classes only (keys sorted, distinct)."""
    if not sensitive or l <= 1:
        return kept.copy()
    released = np.flatnonzero(kept)
    released_keys = keys[released]
    quasi = released_keys // layout.sensitive_span  # sorted, as the keys are
    group_of = np.cumsum(run_changes(quasi)) - 1
    groups = int(group_of[-1]) + 1 if len(group_of) else 0
    diverse = np.ones(groups, dtype=bool)
    for dimension in sensitive:
        base = layout.cardinalities[dimension]
        pairs = np.unique(group_of * base + digit(released_keys, layout, dimension))
        diverse &= np.bincount(pairs // base, minlength=groups) >= l
    result = np.zeros(len(keys), dtype=bool)
    result[released] = diverse[group_of]
    return result
