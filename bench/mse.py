"""Multiple Systems Estimation speed: stepwise selection + 1000 bootstrap replicates per dataset.

Run with `.venv/bin/python bench/mse.py [--replicates N] [--seed N] [--workers N]`. Prints, per
reference table, the wall time of fitting and bootstrapping, the estimate, the BCa interval, and
the time the R package SparseMSE takes for the same work on a 2-core machine (from issue 3; R is not
installed here, so those are recorded figures, not a fresh run). `--whole-process` times the
command `palermo estimate TABLE --bootstrap N` from start to exit instead (imports included), as R
was timed, and also reports that process's CPU seconds, which a busy shared machine inflates less
than the wall time.
"""

import argparse
import os
import resource
import subprocess
import sys
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


def measure_process(name: str, replicates: int, seed: int, workers: int | None) -> list[str]:
    """One row: the whole `palermo estimate` process, wall and CPU seconds."""
    command = [sys.executable, "-m", "palermo.cli", "estimate", str(TABLES / f"{name}.csv")]
    command += ["--bootstrap", str(replicates), "--seed", str(seed), "--format", "json"]
    if workers:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    reference = SPARSEMSE_SECONDS.get(name)
    scaled = None if reference is None else reference * replicates / 1000
    return [
        name,
        f"{seconds:.2f}",
        f"{cpu:.2f}",
        "-" if scaled is None else f"{scaled:.0f}",
        "-" if scaled is None else f"{scaled / seconds:.0f}x",
    ]


def print_table(rows: list[list[str]], header: list[str] | None = None) -> None:
    header = header or [
        "dataset",
        "lists",
        "observed",
        "estimate",
        "BCa 95%",
        "seconds",
        "R (s)",
        "speed-up",
    ]
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
    parser.add_argument("--whole-process", action="store_true", help="time `palermo estimate`")
    options = parser.parse_args()
    workers = options.workers or os.cpu_count()
    if options.whole_process:
        print(
            f"palermo estimate --bootstrap {options.replicates}, {workers} workers, whole process"
        )
        rows = [
            measure_process(name, options.replicates, options.seed, workers) for name in DATASETS
        ]
        print_table(rows, ["dataset", "wall (s)", "CPU (s)", "R wall (s)", "speed-up (wall)"])
        return
    print(f"stepwise (p < 0.02) + {options.replicates} bootstrap replicates, {workers} workers")
    rows = [measure(name, options.replicates, options.seed, workers) for name in DATASETS]
    print_table(rows)


if __name__ == "__main__":  # the bootstrap's worker processes must not rerun this
    main()
