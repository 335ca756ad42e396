"""A tqdm progress bar on stderr, fed by the analytics library's (stage, done, total) callbacks."""

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
