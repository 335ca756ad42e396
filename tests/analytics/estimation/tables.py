"""The reference tables (tests/fixtures/mse, copied from shared/ with their source named there)."""

import json
from pathlib import Path
from typing import Any

from palermo_analytics.estimation import CaptureHistories, read_capture_histories

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mse"


def fixture_table(name: str) -> CaptureHistories:
    return read_capture_histories(FIXTURES / f"{name}.csv")


def sparsemse_reference() -> dict[str, Any]:
    """SparseMSE's (R) results on the tables: see reference.json's _about."""
    result: dict[str, Any] = json.loads((FIXTURES / "reference.json").read_text())
    return result
