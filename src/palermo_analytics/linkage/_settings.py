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
# inflates the estimate far more than a false link deflates it. On both generators and FEBRL
# (bench/linkage_eval.py --sweep), 0.7 keeps F1 within 0.03 of its best while cutting the
# estimate's linkage bias by half against 0.9; lower thresholds start chaining people together.
DEFAULT_THRESHOLD = 0.7


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

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError("threshold must be a probability strictly between 0 and 1")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}")

    @property
    def threshold_weight(self) -> float:
        """The threshold as a match weight: log2 of the odds."""
        return math.log2(self.threshold / (1 - self.threshold))
