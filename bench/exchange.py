"""Disclosure control speed: k-anonymity with ℓ-diversity over the CTDC columns, and DP tables.

Run with `.venv/bin/python bench/exchange.py [--rows N] [--anjana-rows N]`. Prints:

1. Palermo's lattice search on N generated victims (default 1,000,000) over every CTDC column
   (k = 11, ℓ = 2, at most 5 % suppressed), with pycanon's verdict on the result;
2. the same search and anjana's greedy k-anonymity side by side on the seven person columns
   (anjana generalises single columns; the CTDC flag groups are not single columns), with the
   same information-loss figures computed from each output;
3. the OpenDP count tables (ε = 1) for the same rows.
"""

import argparse
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from palermo_analytics.disclosure import (
    DIMENSIONS,
    Policy,
    anonymise,
    check_release,
    ctdc_count_tables,
    synthetic_ctdc_table,
)
from palermo_analytics.disclosure._ctdc import PERSON_COLUMNS

K, L, SUPPRESS = 11, 2, 0.05


@contextmanager
def timed() -> Iterator[list[str]]:
    """Wall and process CPU seconds (all threads): on a shared machine the wall time says how
    busy the machine was, the CPU time what the work cost."""
    figure: list[str] = []
    wall, cpu = time.perf_counter(), time.process_time()
    yield figure
    figure.append(f"{time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")


def loss_figures(released: pd.DataFrame, persons: int, columns: list[str]) -> str:
    """The same figures for any tool's output: share suppressed, discernibility, C_avg."""
    sizes = released.groupby(columns, observed=True).size().to_numpy()
    suppressed = persons - len(released)
    discernibility = float((sizes.astype(float) ** 2).sum()) + suppressed * float(persons)
    c_avg = len(released) / (len(sizes) * K) if len(sizes) else 0.0
    return (
        f"suppressed {suppressed / persons:.2%}, discernibility {discernibility:.3e}, "
        f"C_avg {c_avg:.2f}, classes {len(sizes):,}"
    )


def ours(table: pd.DataFrame, dimensions: tuple, label: str) -> pd.DataFrame:
    with timed() as seconds:
        release = anonymise(table, Policy(K, L, SUPPRESS), dimensions=dimensions)
    levels = ", ".join(f"{n}: {lv}" for n, lv in release.transformation.levels.items())
    nodes = release.transformation.nodes_evaluated
    print(f"  {label}: {seconds[0]}, {nodes} nodes; {levels}")
    return release.data


def anjana_hierarchies(table: pd.DataFrame) -> dict[str, dict[int, np.ndarray]]:
    hierarchies = {}
    for dimension in DIMENSIONS:
        if len(dimension.columns) != 1 or dimension.columns[0] not in PERSON_COLUMNS:
            continue
        column = dimension.columns[0]
        values = pd.DataFrame({column: sorted(table[column].unique())})
        hierarchies[column] = {
            i: level.generalise(values)[column].to_numpy()
            for i, level in enumerate(dimension.levels)
        }
    return hierarchies


def theirs(table: pd.DataFrame) -> pd.DataFrame:
    from anjana.anonymity import k_anonymity

    with timed() as seconds:
        hierarchies = anjana_hierarchies(table)
        released = k_anonymity(table, [], PERSON_COLUMNS, K, SUPPRESS * 100, hierarchies)
    print(f"  anjana greedy k-anonymity (no ℓ): {seconds[0]}")
    return released


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--anjana-rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    table = synthetic_ctdc_table(args.rows, seed=args.seed)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs")
    print(f"{args.rows:,} generated victims, {table.shape[1]} CTDC columns, k = {K}, ℓ = {L}")
    release = ours(table, DIMENSIONS, "Palermo, every CTDC column")
    started = time.perf_counter()
    verdict = check_release(release, K, L)
    print(
        f"  pycanon: k = {verdict.k}, ℓ = {verdict.l}, passes = {verdict.passes} "
        f"({time.perf_counter() - started:.1f} s to check)"
    )
    print(f"  {loss_figures(release, args.rows, list(release.columns))}")

    small = synthetic_ctdc_table(args.anjana_rows, seed=args.seed).astype(str)
    small = small[PERSON_COLUMNS]
    person_dimensions = tuple(d for d in DIMENSIONS if d.columns[0] in PERSON_COLUMNS)
    print(
        f"\n{args.anjana_rows:,} rows, the 7 person columns only, k = {K}, at most 5 % suppressed"
    )
    mine = ours(small, person_dimensions, "Palermo (k and ℓ; no sensitive column here)")
    print(f"    {loss_figures(mine, args.anjana_rows, PERSON_COLUMNS)}")
    other = theirs(small)
    print(f"    {loss_figures(other, args.anjana_rows, PERSON_COLUMNS)}")

    import opendp.context  # noqa: F401 — the import (seconds, once per process) is not timed

    with timed() as seconds:
        tables = ctdc_count_tables(table, range(2015, 2026), 1.0)
    print(f"\nOpenDP count tables, ε = 1: {seconds[0]}")
    for t in tables:
        print(f"  {t.name}: {len(t.counts):,} cells, 95% accuracy ± {t.accuracy:.1f}")


if __name__ == "__main__":
    main()
