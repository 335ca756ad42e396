"""Progress bars on stderr, fed by the library's progress callbacks: for the analytics commands and
for the product's own commands (report builds, exports)."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tqdm import tqdm


@contextmanager
def stage_progress_bar(description: str) -> Iterator[Callable[[str, int, int], None]]:
    """Yield a progress callback that moves one bar through the library's stages."""
    bar: tqdm[Any] = tqdm(desc=description, unit="stage", file=sys.stderr, leave=False)

    def show(stage: str, done: int, total: int) -> None:
        bar.total = total
        bar.set_postfix_str(stage, refresh=False)
        bar.update(done - bar.n)

    try:
        yield show
    finally:
        bar.close()


@contextmanager
def count_progress_bar(description: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """Yield a (done, total) callback; the bar is made on the first report.

    Made late on purpose: tqdm's monitor thread would make the bootstrap start its worker
    processes the slow way (a fork server instead of fork).
    """
    bar: tqdm[Any] | None = None

    def show(done: int, total: int) -> None:
        nonlocal bar
        bar = bar or tqdm(total=total, desc=description, unit=unit, file=sys.stderr)
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield show
    finally:
        if bar is not None:
            bar.close()
