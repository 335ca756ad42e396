"""The choices an analyst makes for a linkage run."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
Progress = Callable[[str, int, int], None]
# Chosen for the population estimate, not for precision: a missed link splits a person in two and
# inflates the estimate far more than a false link deflates it. Without a guard, thresholds below
# ~0.5 chain different people together through transitive closure; with the cohesion guard
# (`_guard`) they no longer do. With blocking on name sounds and age windows (more candidate
# pairs, so more for the guard to weigh), 0.5 with a cohesion of 0 bits gives the best F1 and the
# smallest linkage bias of the estimate on both generators (bench/linkage_eval.py, issue 16).
DEFAULT_THRESHOLD = 0.5
# A group that closure joins stays whole only if its parts' mean pair weight reaches this many
# bits (0: on average, more likely the same person than not).
DEFAULT_COHESION = 0.0


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class LinkageSettings:
    """How to link: the match threshold, the engine, and what training may cost.

    `threshold` is the match probability at or above which two records are taken to be the same
    person. Pairs whose match weight lies within `review_margin` of the threshold's weight are
    the uncertain ones offered for clerical review. `region` is the jurisdiction whose phone
    numbering national-format numbers are read in first; `reference_date` turns ages into birth
    years for records without `recorded_on`. `model` reuses a saved Splink model (no training).
    `cohesion` guards against chaining: records joined only through links at or above the
    threshold are split where the mean match weight between the parts falls below `cohesion`
    bits (pairs below the review band count at its lower edge); None keeps plain transitive
    closure.
    """

    threshold: float = DEFAULT_THRESHOLD
    engine: Engine = "duckdb"
    region: str = "MO"
    reference_date: date | None = None
    seed: int = 42
    u_max_pairs: float = 2e6
    em_max_pairs: float = 1e6
    review_margin: float = 3.0
    review_limit: int = 500
    model: Path | None = None
    cohesion: float | None = DEFAULT_COHESION

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError("threshold must be a probability strictly between 0 and 1")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
        if self.cohesion is not None and not math.isfinite(self.cohesion):
            raise ValueError("cohesion must be a finite number of bits, or None")

    @property
    def threshold_weight(self) -> float:
        """The threshold as a match weight: log2 of the odds."""
        return math.log2(self.threshold / (1 - self.threshold))

    @property
    def floor_weight(self) -> float:
        """The review band's lower edge: pairs below it are not kept, and count at it."""
        return self.threshold_weight - self.review_margin
