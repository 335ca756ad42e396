"""Writing released files: private (0600), formula-safe, hashed."""

import csv
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from palermo_analytics.safe_output import neutralise


def safe_cell(value: object) -> str:
    """The cell as text a spreadsheet will not run as a formula (CTDC's codes such as `-99` are
    numbers and stay as they are)."""
    return str(neutralise(str(value)))


def _open_private(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its old mode otherwise
    return descriptor


def write_private_csv(frame: pd.DataFrame, path: Path) -> str:
    """Write the frame, formula-safe, readable by its owner only; return its SHA-256."""
    with os.fdopen(_open_private(path), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([safe_cell(c) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            writer.writerow([safe_cell(v) for v in row])
    return sha256_of(path)


def write_private_json(data: dict[str, Any], path: Path) -> None:
    with os.fdopen(_open_private(path), "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False, default=str)
        handle.write("\n")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of_frame(frame: pd.DataFrame) -> str:
    """A hash of a table's content in a fixed order, to tell whether a rerun saw the same input."""
    ordered = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return hashlib.sha256(ordered.to_csv(index=False).encode()).hexdigest()


def report_path(path: Path) -> Path:
    return path.with_name(path.name + ".report.json")
