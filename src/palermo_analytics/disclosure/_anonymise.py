"""Generalise and suppress a CTDC table until it is k-anonymous and ℓ-diverse, and say how."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from palermo_analytics.disclosure._ctdc import RELEASE_COLUMNS
from palermo_analytics.disclosure._encoding import EncodedTable, encode
from palermo_analytics.disclosure._hierarchies import DIMENSIONS, Dimension
from palermo_analytics.disclosure._lattice import ClassTable, LatticeSearch, Policy, Progress


class NothingReleasable(ValueError):
    """No transformation within the policy keeps enough rows."""


@dataclass(frozen=True)
class Transformation:
    """What was done to the table, in the words of the report."""

    levels: dict[str, str]
    level_numbers: dict[str, int]
    persons: int
    suppressed: int
    classes: int
    discernibility: float
    information_loss: float
    nodes_evaluated: int
    policy: Policy

    @property
    def share_suppressed(self) -> float:
        return self.suppressed / self.persons if self.persons else 0.0

    @property
    def average_class_size(self) -> float:
        """C_avg: released rows per class, over k (1.0 is the ideal)."""
        released = self.persons - self.suppressed
        return released / (self.classes * self.policy.k) if self.classes else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "k": self.policy.k,
            "l": self.policy.l,
            "suppress_max": self.policy.suppress_max,
            "levels": self.levels,
            "persons": self.persons,
            "suppressed": self.suppressed,
            "share_suppressed": round(self.share_suppressed, 6),
            "released": self.persons - self.suppressed,
            "classes": self.classes,
            "discernibility": self.discernibility,
            "information_loss": round(self.information_loss, 6),
            "average_class_size": round(self.average_class_size, 4),
            "nodes_evaluated": self.nodes_evaluated,
        }


@dataclass(frozen=True)
class Release:
    data: pd.DataFrame
    transformation: Transformation
    dimensions: tuple[Dimension, ...] = field(default=DIMENSIONS)


def anonymise(
    table: pd.DataFrame,
    policy: Policy | None = None,
    *,
    dimensions: tuple[Dimension, ...] = DIMENSIONS,
    progress: Progress | None = None,
) -> Release:
    """The least-loss release found: rows sorted by value, so row order says nothing."""
    policy = policy or Policy()
    missing = [c for d in dimensions for c in d.columns if c not in table.columns]
    if missing:
        raise ValueError(f"the table lacks the CTDC columns {', '.join(missing)}")
    if progress:
        progress("encoding the table", 0, 1)
    encoded = encode(table, dimensions)
    search = LatticeSearch(encoded, policy)
    best = search.run(progress)
    if not best.passes:
        raise NothingReleasable(
            f"no generalisation of these {encoded.persons} persons is {policy.k}-anonymous and "
            f"{policy.l}-diverse with at most {policy.suppress_max:.0%} of rows suppressed"
        )
    transformation = Transformation(
        levels={d.name: d.levels[lv].name for d, lv in zip(dimensions, best.node, strict=True)},
        level_numbers={d.name: lv for d, lv in zip(dimensions, best.node, strict=True)},
        persons=encoded.persons,
        suppressed=best.suppressed,
        classes=best.classes,
        discernibility=best.discernibility,
        information_loss=best.loss,
        nodes_evaluated=len(search.cache),
        policy=policy,
    )
    classes, kept = search.released_classes(best.node)
    return Release(_released_rows(encoded, best.node, classes, kept), transformation, dimensions)


def _released_rows(
    encoded: EncodedTable, node: tuple[int, ...], classes: ClassTable, kept: np.ndarray
) -> pd.DataFrame:
    """Each released class's values, sorted, then repeated once per person in it.

    Columns are categorical (their categories sorted, so sorting by them sorts by value): the
    repeated rows are small integer codes, not a million copies of strings to consolidate.
    """
    rows = np.flatnonzero(kept)
    parts = [
        dim.labels[level].iloc[codes[rows]].reset_index(drop=True)
        for dim, level, codes in zip(encoded.dimensions, node, classes.codes, strict=True)
    ]
    distinct = pd.concat(parts, axis=1)
    ordered = [c for c in RELEASE_COLUMNS if c in distinct.columns]
    ordered += [c for c in distinct.columns if c not in ordered]
    distinct = distinct[ordered].sort_values(ordered)
    counts = classes.weights[rows][distinct.index.to_numpy()].astype(np.int64)
    return pd.DataFrame({column: _repeated(distinct[column], counts) for column in ordered})


def _repeated(values: pd.Series, counts: np.ndarray) -> "pd.Categorical[str]":
    text = pd.Index(values.astype(str))
    categories = pd.Index(sorted(set(text)))
    codes = categories.get_indexer(text)
    return pd.Categorical.from_codes(np.repeat(codes, counts), categories=categories)
