"""Declared generalisation hierarchies over the CTDC release columns.

A dimension is one column, or a group of flag columns released together (all means of control,
say). Its levels go from the values as recorded (level 0) to coarser ones; the last level of a
dimension withholds it entirely (`-99`). A withheld sensitive dimension releases nothing to
disclose, so ℓ-diversity no longer applies to it. Each level is a function from the distinct
recorded values of the dimension (a small DataFrame) to the values released at that level.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from palermo_analytics.disclosure import _countries
from palermo_analytics.disclosure._ctdc import (
    FORM_COLUMNS,
    MEANS_COLUMNS,
    RECRUITMENT_COLUMNS,
    SECTOR_COLUMNS,
    UNKNOWN,
)

Generaliser = Callable[[pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class Level:
    name: str
    generalise: Generaliser


@dataclass(frozen=True)
class Dimension:
    name: str
    columns: tuple[str, ...]
    levels: tuple[Level, ...]
    sensitive: bool = False
    weight: float = 1.0  # how much generalising it costs, against the other dimensions

    @property
    def height(self) -> int:
        return len(self.levels) - 1


def _as_recorded(values: pd.DataFrame) -> pd.DataFrame:
    return values


def _withheld(values: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(UNKNOWN, index=values.index, columns=values.columns)


def _per_cell(rule: Callable[[str], str | None]) -> Generaliser:
    """Apply `rule` to every known cell; unknown stays unknown, and so does an unmapped value."""

    def generalise(values: pd.DataFrame) -> pd.DataFrame:
        return values.map(lambda cell: UNKNOWN if cell == UNKNOWN else (rule(cell) or UNKNOWN))

    return generalise


def _keep_only(kept: list[str]) -> Generaliser:
    """Release only the `kept` flag columns of a group; the others become `-99`."""

    def generalise(values: pd.DataFrame) -> pd.DataFrame:
        out = values.copy()
        out[[c for c in values.columns if c not in kept]] = UNKNOWN
        return out

    return generalise


def _period(year: str) -> str:
    start = int(year) // 5 * 5
    return f"{start}--{start + 4}"


_WIDER_AGE = {
    "0--8": "0--17",
    "9--17": "0--17",
    "18--20": "18--29",
    "21--23": "18--29",
    "24--26": "18--29",
    "27--29": "18--29",
    "30--38": "30--47",
    "39--47": "30--47",
    "48+": "48+",
}


def _child_or_adult(band: str) -> str | None:
    wider = _WIDER_AGE.get(band)
    if wider is None:
        return None
    return "0--17" if wider == "0--17" else "18+"


AS_RECORDED = Level("as recorded", _as_recorded)
WITHHELD = Level("withheld", _withheld)


def _simple(name: str, column: str) -> Dimension:
    return Dimension(name, (column,), (AS_RECORDED, WITHHELD))


def _country(name: str, column: str) -> Dimension:
    return Dimension(
        name,
        (column,),
        (
            Level("country", _as_recorded),
            Level("UN sub-region", _per_cell(_countries.subregion_of)),
            Level("UN region", _per_cell(_countries.region_of)),
            WITHHELD,
        ),
    )


COMMON_MEANS = [
    "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse",
    "meansOfControlThreats",
    "meansOfControlRestrictsMovement",
    "meansOfControlFalsePromises",
    "meansOfControlTakesEarnings",
]

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "year",
        ("yearOfRegistration",),
        (AS_RECORDED, Level("5-year period", _per_cell(_period)), WITHHELD),
        weight=3.0,  # the year is what every partner tabulates by
    ),
    _simple("data source", "Datasource"),
    _simple("gender", "gender"),
    Dimension(
        "age",
        ("ageBroad",),
        (
            Level("CTDC age band", _as_recorded),
            Level("wider age band", _per_cell(_WIDER_AGE.get)),
            Level("child or adult", _per_cell(_child_or_adult)),
            WITHHELD,
        ),
    ),
    _simple("majority status", "majorityStatus"),
    _country("citizenship", "citizenship"),
    _country("country of exploitation", "CountryOfExploitation"),
    Dimension("sectors", tuple(SECTOR_COLUMNS), (AS_RECORDED, WITHHELD)),
    Dimension("recruitment", tuple(RECRUITMENT_COLUMNS), (AS_RECORDED, WITHHELD)),
    Dimension(
        "forms of exploitation",
        tuple(FORM_COLUMNS),
        (
            Level("all forms", _as_recorded),
            Level("labour, sexual, other", _keep_only(FORM_COLUMNS[:3])),
            WITHHELD,
        ),
        sensitive=True,
        weight=3.0,  # the form of exploitation is the core of every statistic
    ),
    Dimension(
        "means of control",
        tuple(MEANS_COLUMNS),
        (
            Level("all means", _as_recorded),
            Level("six most reported", _keep_only(COMMON_MEANS)),
            Level("three most reported", _keep_only(COMMON_MEANS[:3])),
            WITHHELD,
        ),
        sensitive=True,
        weight=2.0,
    ),
)
