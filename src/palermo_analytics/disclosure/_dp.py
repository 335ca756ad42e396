"""Differentially private count tables with OpenDP's context API over a polars LazyFrame.

Each table groups persons by public key sets (every year, sex, age band... whether or not anyone
falls in it), so empty cells are released as noisy counts too and a cell's absence says nothing.
One person is one row (contributions = 1), so adding or removing a person moves one cell of each
table by one. The total ε is split evenly over the tables by the context's compositor.
"""

import itertools
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palermo_analytics.disclosure._ctdc import UNKNOWN

Progress = Callable[[str, int, int], None]
CONFIDENCE = 0.95


@dataclass(frozen=True)
class DPTable:
    name: str
    by: tuple[str, ...]
    counts: pd.DataFrame  # the `by` columns and a noisy `count`, one row per public key
    epsilon: float
    mechanism: str
    scale: float
    accuracy: float  # at CONFIDENCE: |noisy − true| ≤ accuracy for each cell with that probability

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "by": list(self.by),
            "epsilon": self.epsilon,
            "mechanism": self.mechanism,
            "scale": self.scale,
            "accuracy_95": round(self.accuracy, 3),
            "cells": len(self.counts),
        }


def dp_tables(
    persons: pd.DataFrame,
    keys: dict[str, list[str]],
    tables: dict[str, tuple[str, ...]],
    epsilon: float,
    progress: Progress | None = None,
) -> list[DPTable]:
    """Release each table of `tables` (name → grouping columns) with `epsilon` in total.

    `keys` gives the public categories of every grouping column; a value outside them is
    counted under `-99`, which must therefore be one of the keys.
    """
    import polars as pl
    from opendp.context import Context, loss_of, unit_of
    from opendp.extras.polars import Margin
    from opendp.mod import enable_features

    if epsilon <= 0:
        raise ValueError(f"epsilon must be positive, got {epsilon}")
    columns = sorted({c for by in tables.values() for c in by})
    frame = pl.from_pandas(_within_keys(persons, keys, columns))
    # opendp.prelude would also import scikit-learn: seconds for nothing used here.
    enable_features("contrib")
    with tempfile.TemporaryDirectory(prefix="palermo-dp-") as folder:
        # A file scan keeps the data out of the query plan that OpenDP serialises for each step.
        path = Path(folder) / "persons.parquet"
        frame.write_parquet(path)
        os.chmod(path, 0o600)
        context = Context.compositor(
            data=pl.scan_parquet(path),
            privacy_unit=unit_of(contributions=1),
            privacy_loss=loss_of(epsilon=epsilon),
            split_evenly_over=len(tables),
            margins=[Margin(by=list(by), invariant="keys") for by in tables.values()],
        )
        released = []
        for done, (name, by) in enumerate(tables.items()):
            if progress:
                progress(f"table {name}", done, len(tables))
            released.append(_release(context, name, by, keys, epsilon / len(tables)))
    return released


def _within_keys(
    persons: pd.DataFrame, keys: dict[str, list[str]], columns: list[str]
) -> pd.DataFrame:
    """Each column as the position of its value among the public keys (`-99` when outside).

    Integers, not strings: OpenDP groups them many times faster.
    """
    table = {}
    for column in columns:
        if UNKNOWN not in keys[column]:
            raise ValueError(f"the public keys of {column} must include {UNKNOWN}")
        values = persons[column]
        categorical = (
            values.array
            if isinstance(values.dtype, pd.CategoricalDtype)
            else pd.Categorical(values.astype(str))
        )
        position = {key: i for i, key in enumerate(keys[column])}
        lookup = np.array(
            [position.get(str(c), position[UNKNOWN]) for c in categorical.categories]
            + [position[UNKNOWN]],
            dtype=np.int32,
        )
        table[column] = lookup[categorical.codes]  # code -1 (missing) takes the last entry
    return pd.DataFrame(table)


def _release(
    context: object, name: str, by: tuple[str, ...], keys: dict[str, list[str]], epsilon: float
) -> DPTable:
    import polars as pl
    from opendp.accuracy import summarize_polars_measurement
    from opendp.extras.polars import dp_len
    from opendp.measurements import make_private_lazyframe
    from opendp.measures import max_divergence

    public = pl.DataFrame(
        list(itertools.product(*(range(len(keys[c])) for c in by))),
        schema=dict.fromkeys(by, pl.Int32),
        orient="row",
    )
    query = context.query().group_by(list(by)).agg(dp_len(signed=False)).with_keys(public)  # type: ignore[attr-defined]
    # The context would search ~1,100 noise scales to meet ε; a count with one contribution per
    # person has sensitivity 1, so the Laplace scale is 1/ε (a hair more, for float rounding).
    # OpenDP still checks the privacy map and the compositor still enforces the total.
    scale = (1.0 / epsilon) * (1 + 1e-9)
    # LazyFrameQuery forwards attribute access to polars, hence object.__getattribute__.
    domain, metric = object.__getattribute__(query, "_query")._chain
    plan = object.__getattribute__(query, "polars_plan")
    measurement = make_private_lazyframe(domain, metric, max_divergence(), plan, global_scale=scale)
    if measurement.map(1) > epsilon:
        raise ValueError(f"table {name}: the noise scale does not meet ε = {epsilon}")
    summary = summarize_polars_measurement(measurement, alpha=1 - CONFIDENCE)
    counts = context(measurement).collect().to_pandas()  # type: ignore[operator]
    counts = counts.sort_values(list(by)).reset_index(drop=True)
    for column in by:
        counts[column] = np.asarray(keys[column], dtype=object)[counts[column].to_numpy()]
    counts = counts.rename(columns={"len": "count"})
    return DPTable(
        name=name,
        by=by,
        counts=counts,
        epsilon=epsilon,
        mechanism=str(summary["distribution"][0]),
        scale=float(summary["scale"][0]),
        accuracy=float(summary["accuracy"][0]),
    )


COUNT_TABLES: dict[str, tuple[str, ...]] = {
    "year × sex × age band × form × citizenship region": (
        "year",
        "sex",
        "age band",
        "form",
        "citizenship region",
    ),
    "year × sex": ("year", "sex"),
    "year × form": ("year", "form"),
    "year × citizenship region": ("year", "citizenship region"),
}
FORMS = ["sexual", "labour", "other", "multiple", UNKNOWN]


def ctdc_count_tables(
    table: pd.DataFrame,
    years: range,
    epsilon: float,
    tables: dict[str, tuple[str, ...]] | None = None,
    progress: Progress | None = None,
) -> list[DPTable]:
    """The counts of the annual statistics from a CTDC table (one row per victim)."""
    from palermo_analytics.disclosure import _countries
    from palermo_analytics.disclosure._ctdc import AGE_BANDS, GENDERS

    citizenship = table["citizenship"]
    regions = {c: _countries.region_of(str(c)) or UNKNOWN for c in citizenship.unique()}
    persons = pd.DataFrame(
        {
            "year": table["yearOfRegistration"],
            "sex": table["gender"],
            "age band": table["ageBroad"],
            "form": _form(table),
            "citizenship region": citizenship.map(regions).astype("category"),
        }
    )
    keys = {
        "year": [*(str(y) for y in years), UNKNOWN],
        "sex": [*GENDERS, UNKNOWN],
        "age band": [*AGE_BANDS, UNKNOWN],
        "form": FORMS,
        "citizenship region": [*_countries.regions(), UNKNOWN],
    }
    return dp_tables(persons, keys, tables or COUNT_TABLES, epsilon, progress)


def _form(table: pd.DataFrame) -> "pd.Series[str]":
    """One form per person, so that each person counts once in each table."""
    # Compared as they come (categorical or text): converting a million cells to str is slow.
    sexual = (table["isSexualExploit"] == "1").to_numpy()
    labour = (table["isForcedLabour"] == "1").to_numpy()
    others = ["isOtherExploit", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval"]
    other = np.logical_or.reduce([(table[c] == "1").to_numpy() for c in others])
    known = np.logical_or.reduce(
        [(table[c] != UNKNOWN).to_numpy() for c in ["isSexualExploit", "isForcedLabour", *others]]
    )
    count = sexual.astype(int) + labour.astype(int) + other.astype(int)
    form = np.select(
        [count > 1, sexual, labour, other, known],
        ["multiple", "sexual", "labour", "other", "other"],
        default=UNKNOWN,
    )
    return pd.Series(form, index=table.index)
