"""Multiple Systems Estimation speed: stepwise selection + 1000 bootstrap replicates per dataset.

Run with `.venv/bin/python bench/mse.py [--replicates N] [--seed N] [--workers N]`. Prints, per
reference table, the wall time of fitting and bootstrapping, the estimate, the BCa interval, and
the time the R package SparseMSE takes for the same work on a 2-core machine (from issue 3).
"""

import argparse
import os
import time
from pathlib import Path

from palermo_analytics.estimation import MultipleSystemsEstimator

TABLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mse"
# Seconds for stepwise selection + 1000 bootstrap replicates in R SparseMSE, on 2 cores.
SPARSEMSE_SECONDS = {"uk_2013_5lists": 52.0, "new_orleans_8lists": 400.0}
DATASETS = ["uk_2013_5lists", "new_orleans_8lists", "artificial_3lists"]


def measure(name: str, replicates: int, seed: int, workers: int | None) -> list[str]:
    """One row of the table: fit and bootstrap the dataset, timing both together."""
    started = time.perf_counter()
    estimator = MultipleSystemsEstimator().fit(TABLES / f"{name}.csv")
    interval = estimator.bootstrap(replicates, seed=seed, workers=workers).interval
    seconds = time.perf_counter() - started
    reference = SPARSEMSE_SECONDS.get(name)
    # R's times are for 1000 replicates; scale them if asked for another number.
    scaled = None if reference is None else reference * replicates / 1000
    return [
        name,
        str(len(estimator.lists_)),
        f"{estimator.observed_:,}",
        f"{estimator.estimate_:,.0f}",
        f"{interval.low:,.0f} to {interval.high:,.0f}",
        f"{seconds:.2f}",
        "-" if scaled is None else f"{scaled:.0f}",
        "-" if scaled is None else f"{scaled / seconds:.0f}x",
    ]


def print_table(rows: list[list[str]]) -> None:
    header = ["dataset", "lists", "observed", "estimate", "BCa 95%", "seconds", "R (s)", "speed-up"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    options = parser.parse_args()
    workers = options.workers or os.cpu_count()
    print(f"stepwise (p < 0.02) + {options.replicates} bootstrap replicates, {workers} workers")
    rows = [measure(name, options.replicates, options.seed, workers) for name in DATASETS]
    print_table(rows)


if __name__ == "__main__":  # the bootstrap's worker processes must not rerun this
    main()
