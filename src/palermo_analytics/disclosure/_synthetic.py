"""Synthetic victim rows in CTDC columns, for tests and the benchmark (never real people)."""

import numpy as np
import pandas as pd

from palermo_analytics.disclosure._ctdc import (
    AGE_BANDS,
    DATA_SOURCES,
    FORM_COLUMNS,
    GENDERS,
    MEANS_COLUMNS,
    RECRUITMENT_COLUMNS,
    SECTOR_COLUMNS,
    UNKNOWN,
)

_COUNTRIES = ["MO", "CN", "HK", "VN", "PH", "ID", "TH", "MM", "KH", "NP", "UA", "NG", "BR", "NA"]
_COUNTRY_WEIGHTS = [30, 20, 8, 10, 10, 6, 4, 3, 2, 2, 2, 1, 1, 1]


def _categorical(codes: np.ndarray, labels: list[str]) -> "pd.Categorical[str]":
    return pd.Categorical.from_codes(codes.astype(np.int64), categories=pd.Index(labels))


def _choice(
    rng: np.random.Generator, labels: list[str], n: int, p: list[float]
) -> "pd.Categorical[str]":
    weights = np.asarray(p, dtype=float)
    return _categorical(rng.choice(len(labels), size=n, p=weights / weights.sum()), labels)


def _flags(
    rng: np.random.Generator, n: int, rate: float, recorded: np.ndarray
) -> "pd.Categorical[str]":
    yes = rng.random(n) < rate
    codes = np.where(recorded, np.where(yes, 1, 0), 2)
    return _categorical(codes, ["0", "1", UNKNOWN])


def synthetic_ctdc_table(
    n: int, seed: int = 0, years: tuple[int, int] = (2015, 2025)
) -> pd.DataFrame:
    """`n` generated victims: skewed like a small jurisdiction's registry, CTDC-coded."""
    rng = np.random.default_rng(seed)
    year_labels = [str(y) for y in range(years[0], years[1] + 1)]
    age = rng.choice(
        len(AGE_BANDS) + 1, size=n, p=[0.03, 0.1, 0.15, 0.17, 0.15, 0.12, 0.17, 0.07, 0.02, 0.02]
    )
    majority = np.where(age < 2, 0, np.where(age < len(AGE_BANDS), 1, 2))
    table = {
        "yearOfRegistration": _choice(rng, year_labels, n, [1.0] * len(year_labels)),
        "Datasource": _choice(rng, DATA_SOURCES, n, [0.85, 0.15]),
        "gender": _choice(rng, [*GENDERS, UNKNOWN], n, [0.7, 0.27, 0.01, 0.02]),
        "ageBroad": _categorical(age, [*AGE_BANDS, UNKNOWN]),
        "majorityStatus": _categorical(majority, ["Minor", "Adult", UNKNOWN]),
        "citizenship": _choice(rng, [*_COUNTRIES, UNKNOWN], n, [*_COUNTRY_WEIGHTS, 2]),
        "CountryOfExploitation": _choice(rng, ["MO", "HK", "CN", UNKNOWN], n, [85, 6, 4, 5]),
    }
    recorded = rng.random(n) < 0.95
    sexual = rng.random(n) < 0.6
    forms = {
        "isForcedLabour": np.where(recorded, np.where(~sexual | (rng.random(n) < 0.05), 1, 0), 2),
        "isSexualExploit": np.where(recorded, np.where(sexual, 1, 0), 2),
    }
    for column in FORM_COLUMNS:
        codes = forms.get(column)
        table[column] = (
            _categorical(codes, ["0", "1", UNKNOWN])
            if codes is not None
            else _flags(rng, n, 0.03, recorded)
        )
    means_recorded = rng.random(n) < 0.7
    for i, column in enumerate(MEANS_COLUMNS):
        table[column] = _flags(rng, n, 0.45 / (1 + i / 3), means_recorded)
    sectors_recorded = rng.random(n) < 0.5
    for column in SECTOR_COLUMNS:
        table[column] = _flags(rng, n, 0.04, sectors_recorded)
    for column in RECRUITMENT_COLUMNS:
        table[column] = _flags(rng, n, 0.2, rng.random(n) < 0.4)
    return pd.DataFrame(table)
