"""Rerunning the whole model selection on resampled tables, on every core.

Resampling is nonparametric: each replicate draws the observed number of people, with replacement,
from the observed people (a multinomial over the capture patterns). All draws are made up front from
one seeded generator, so a seed gives the same replicates whatever the number of worker processes.
"""

import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

import numpy as np
import numpy.typing as npt

from palermo_analytics.estimation._batch import stepwise_totals
from palermo_analytics.estimation._design import FloatArray, cell_memberships
from palermo_analytics.estimation._selection import (
    Method,
    as_selection,
    has_heterogeneity_term,
    select_model,
)

Progress = Callable[[int, int], None]
CountRows = npt.NDArray[np.int64]

# Tables per task. Stepwise selection fits a task's tables together (`_batch`), so a task must be
# large enough to batch well; the size is fixed, not derived from the number of workers, because
# a batch's rounding depends on which tables share it and a seed must give the same replicates
# whatever the number of workers.
_CHUNK_ROWS = 250


def estimate_total(counts: FloatArray, t: int, method: Method, threshold: float) -> float:
    """Select a model and estimate the total; lists nobody is on are set aside first.

    A resampled table can leave a small list empty. Its main effect would be minus infinity and
    every cell with it empty, which is the same fit as the table without that list.
    """
    counts, t = _without_empty_lists(counts, t)
    if t < 2:
        return math.nan
    selection = select_model(t, counts, method, threshold)
    return float(counts.sum()) + selection.model.unseen


def estimate_totals(rows: CountRows, t: int, method: Method, threshold: float) -> FloatArray:
    """estimate_total() for each row of cell counts (one task for a worker process).

    A replicate whose fit breaks down numerically gives NaN: it is counted and reported as an
    unstable replicate rather than losing the whole bootstrap. Stepwise selection runs the
    tables in lockstep (`_batch`), which gives the same estimates many times faster; tables with
    an empty list, and any batch that breaks down, go one by one.
    """
    counts = rows.astype(np.float64)
    heterogeneity = has_heterogeneity_term(method)
    selection, threshold = as_selection(method, threshold)
    if selection != "stepwise":
        return np.array([_estimate_or_nan(row, t, method, threshold) for row in counts])
    # The batches' matrix products are small: BLAS threads only fight the other workers (and,
    # on a busy machine, everyone else) for the cores. Imported here: only the bootstrap needs it.
    from threadpoolctl import threadpool_limits

    totals = np.full(counts.shape[0], math.nan)
    complete = (counts @ cell_memberships(t) > 0).all(axis=1)
    try:
        with threadpool_limits(limits=1, user_api="blas"):
            totals[complete] = stepwise_totals(counts[complete], t, threshold, heterogeneity)
    except (np.linalg.LinAlgError, RuntimeError):
        complete[:] = False
    for row in np.flatnonzero(~complete):
        totals[row] = _estimate_or_nan(counts[row], t, method, threshold)
    return totals


def _estimate_or_nan(counts: FloatArray, t: int, method: Method, threshold: float) -> float:
    try:
        return estimate_total(counts, t, method, threshold)
    except (np.linalg.LinAlgError, RuntimeError):
        return math.nan


def resample(counts: CountRows, n_replicates: int, seed: int | None) -> CountRows:
    """Draw n_replicates tables of the same number of people from the observed ones."""
    return resample_with(np.random.default_rng(seed), counts, n_replicates)


def resample_with(
    generator: np.random.Generator, counts: CountRows, n_replicates: int
) -> CountRows:
    """resample() from a generator that goes on: more replicates continue the same sequence."""
    observed = int(counts.sum())
    return generator.multinomial(observed, counts / observed, size=n_replicates)


def jackknife_tables(counts: CountRows) -> tuple[CountRows, FloatArray]:
    """One table per non-empty pattern with one of its people removed, and the pattern's count."""
    patterns = np.flatnonzero(counts)
    tables = np.repeat(counts[None, :], patterns.size, axis=0)
    tables[np.arange(patterns.size), patterns] -= 1
    return tables, counts[patterns].astype(np.float64)


def estimate_in_parallel(
    bootstrap_rows: CountRows,
    jackknife_rows: CountRows,
    estimate: Callable[[CountRows], FloatArray],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Estimates for the bootstrap and the jackknife tables; progress counts bootstrap tables."""
    workers = workers or os.cpu_count() or 1
    chunks = _chunks(jackknife_rows) + _chunks(bootstrap_rows)
    jackknife_chunk_count = len(_chunks(jackknife_rows))
    if workers == 1:
        results = _run_here(chunks, estimate, jackknife_chunk_count, progress)
    else:
        results = _run_in_processes(chunks, estimate, workers, jackknife_chunk_count, progress)
    jackknife = np.concatenate([np.zeros(0), *results[:jackknife_chunk_count]])
    bootstrap = np.concatenate([np.zeros(0), *results[jackknife_chunk_count:]])
    return bootstrap, jackknife


def _chunks(rows: CountRows) -> list[CountRows]:
    return [rows[start : start + _CHUNK_ROWS] for start in range(0, rows.shape[0], _CHUNK_ROWS)]


def _run_here(
    chunks: list[CountRows],
    estimate: Callable[[CountRows], FloatArray],
    first_bootstrap_chunk: int,
    progress: Progress | None,
) -> list[FloatArray]:
    reporter = _Reporter(chunks[first_bootstrap_chunk:], progress)
    results = []
    for index, chunk in enumerate(chunks):
        results.append(estimate(chunk))
        reporter.finished(index - first_bootstrap_chunk)
    return results


def _run_in_processes(
    chunks: list[CountRows],
    estimate: Callable[[CountRows], FloatArray],
    workers: int,
    first_bootstrap_chunk: int,
    progress: Progress | None,
) -> list[FloatArray]:
    reporter = _Reporter(chunks[first_bootstrap_chunk:], progress)
    results: list[FloatArray] = [np.zeros(0)] * len(chunks)
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future[FloatArray], int] = {
            pool.submit(estimate, chunk): index for index, chunk in enumerate(chunks)
        }
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            reporter.finished(index - first_bootstrap_chunk)
    return results


def _start_method() -> str:
    """fork where it is safe: it starts at once and shares what is already imported and cached.

    Forking a process that runs other threads (a web server, a progress-bar monitor) can deadlock
    the child, and Python warns about it; then a fork server starts clean workers instead, at the
    cost of importing the library in each.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class _Reporter:
    """Calls progress(done, total) as bootstrap chunks finish (negative indexes are jackknife)."""

    def __init__(self, bootstrap_chunks: list[CountRows], progress: Progress | None) -> None:
        self._sizes = [chunk.shape[0] for chunk in bootstrap_chunks]
        self._total = sum(self._sizes)
        self._done = 0
        self._progress = progress

    def finished(self, bootstrap_index: int) -> None:
        if bootstrap_index < 0 or self._progress is None:
            return
        self._done += self._sizes[bootstrap_index]
        self._progress(self._done, self._total)


def _without_empty_lists(counts: FloatArray, t: int) -> tuple[FloatArray, int]:
    memberships = cell_memberships(t)
    used = memberships.T @ counts > 0
    if used.all():
        return counts, t
    on_unused = memberships[:, ~used].any(axis=1)
    kept_memberships = memberships[~on_unused][:, used]
    codes = kept_memberships @ (1 << np.arange(kept_memberships.shape[1]))
    reduced = np.zeros(2 ** kept_memberships.shape[1] - 1)
    reduced[codes - 1] = counts[~on_unused]
    return reduced, kept_memberships.shape[1]
