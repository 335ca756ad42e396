"""A whole synthetic world: simulate it, and write its lists and truth to a folder."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from palermo_analytics.estimation._table import CaptureHistories
from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS
from palermo_analytics.safe_output import write_csv, write_private_text
from palermo_analytics.simulate._capture import draw_captures, list_records
from palermo_analytics.simulate._config import WorldConfig
from palermo_analytics.simulate._independent_config import IndependentWorldConfig
from palermo_analytics.simulate._population import draw_population
from palermo_analytics.simulate._records import make_records

Progress = Callable[[str, int, int], None]

TRUTH_FILE = "truth.csv"
WORLD_FILE = "world.json"
_STAGES = ("population", "captures", "records")


@dataclass(frozen=True)
class World:
    """A simulated world and its known truth.

    `config`: a `WorldConfig` (`simulate_world`) or an `IndependentWorldConfig`
    (`simulate_independent_world`).
    `persons`: the hidden population, one row per victim (`person_id`, attributes, true names).
    `captures`: persons-by-agencies booleans. `records`: the agencies' person-list rows with the
    `person_id` each is truly about.
    """

    config: WorldConfig | IndependentWorldConfig
    persons: pd.DataFrame
    captures: pd.DataFrame
    records: pd.DataFrame

    @property
    def population(self) -> int:
        return len(self.persons)

    @property
    def sources(self) -> list[str]:
        return [agency.name for agency in self.config.agencies]

    def person_list(self, source: str) -> pd.DataFrame:
        """One agency's list in the person-list format (without the truth)."""
        rows = self.records[self.records["source"] == source]
        return rows.loc[:, list(PERSON_LIST_COLUMNS)].reset_index(drop=True)

    def truth(self) -> pd.DataFrame:
        """`record_id, source, person_id` for every record."""
        return self.records.loc[:, ["record_id", "source", "person_id"]].reset_index(drop=True)

    def true_capture_histories(self) -> pd.DataFrame:
        """One 0/1 column per list and `count`: the people seen on each combination of lists."""
        table = CaptureHistories.from_memberships(self.captures.loc[:, self.sources]).to_frame()
        return table.sort_values(self.sources, ascending=False, ignore_index=True)

    def summary(self) -> dict[str, object]:
        return {
            "population": self.population,
            "persons_on_any_list": int(self.captures.any(axis=1).sum()),
            "records": len(self.records),
            "records_per_list": {s: int((self.records["source"] == s).sum()) for s in self.sources},
            "seed": self.config.seed,
        }


def simulate_world(config: WorldConfig, progress: Progress | None = None) -> World:
    """Draw a population, its captures and the noisy records, deterministically for the seed."""
    report = progress or (lambda stage, done, total: None)
    rng = np.random.default_rng(config.seed)
    report(_STAGES[0], 0, len(_STAGES))
    persons = draw_population(config, rng)
    report(_STAGES[1], 1, len(_STAGES))
    captures = draw_captures(config, persons, rng)
    listed = list_records(config, captures, rng)
    report(_STAGES[2], 2, len(_STAGES))
    records = make_records(config, persons, listed, rng)
    report("done", 3, len(_STAGES))
    return World(config, persons, captures, records)


def write_world(world: World, out_dir: Path | str) -> list[Path]:
    """Write `<list>.csv` per agency, `truth.csv` and `world.json`; return the paths written."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in world.sources:
        path = folder / f"{source}.csv"
        write_csv(world.person_list(source), path)
        written.append(path)
    write_csv(world.truth(), folder / TRUTH_FILE)
    write_csv(world.true_capture_histories(), folder / "true_histories.csv")
    meta = {**world.summary(), "config": _as_json(world.config)}
    write_private_text(folder / WORLD_FILE, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return [*written, folder / TRUTH_FILE, folder / "true_histories.csv", folder / WORLD_FILE]


def _as_json(value: object) -> object:
    """Plain JSON data from the (frozen, mapping-proxied) configuration dataclasses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _as_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
