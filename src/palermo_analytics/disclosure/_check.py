"""The independent check: pycanon measures the k and ℓ a release actually achieves.

pycanon is not the code that made the release, so a bug in the search cannot hide itself.
Sensitive dimensions made of several flag columns (all forms of exploitation, say) are checked as
one attribute: the combination of their flags as released.
"""

from dataclasses import dataclass
from importlib.metadata import version

import pandas as pd

from palermo_analytics.disclosure._ctdc import UNKNOWN
from palermo_analytics.disclosure._hierarchies import DIMENSIONS, Dimension


@dataclass(frozen=True)
class Verdict:
    checker: str
    k: int
    l: int  # noqa: E741
    k_required: int
    l_required: int
    sensitive_released: tuple[str, ...] = ()

    @property
    def passes(self) -> bool:
        diverse = self.l >= self.l_required or not self.sensitive_released
        return self.k >= self.k_required and diverse

    def as_dict(self) -> dict[str, object]:
        return {
            "checker": self.checker,
            "k": self.k,
            "l": self.l,
            "k_required": self.k_required,
            "l_required": self.l_required,
            "sensitive_released": list(self.sensitive_released),
            "passes": self.passes,
        }


def check_release(
    release: pd.DataFrame,
    k: int,
    l: int,  # noqa: E741
    dimensions: tuple[Dimension, ...] = DIMENSIONS,
) -> Verdict:
    """k over every released column (CTDC's rule), ℓ of each sensitive dimension within the
    classes of the other columns, both as pycanon computes them. A sensitive dimension released
    as `-99` throughout discloses nothing and is not checked for ℓ."""
    from pycanon import anonymity

    checker = f"pycanon {version('pycanon')}"
    if release.empty:
        return Verdict(checker, 0, 0, k, l)
    table = release.astype(str)
    quasi = [c for d in dimensions if not d.sensitive for c in d.columns if c in table]
    sensitive, names = [], []
    for dimension in dimensions:
        columns = [c for c in dimension.columns if c in table]
        if dimension.sensitive and columns and (table[columns] != UNKNOWN).any().any():
            name = f"sensitive: {dimension.name}"
            table[name] = table[columns].agg("|".join, axis=1)
            sensitive.append(name)
            names.append(dimension.name)
    k_achieved = anonymity.k_anonymity(table, list(release.columns))
    l_achieved = anonymity.l_diversity(table, quasi, sensitive) if sensitive else 0
    return Verdict(checker, int(k_achieved), int(l_achieved), k, l, tuple(names))
