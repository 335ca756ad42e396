"""Which agencies' lists each victim ends up on, and how many records that makes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from palermo_analytics.simulate._config import WorldConfig


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def draw_captures(
    config: WorldConfig, persons: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """A persons-by-agencies table of booleans: is the victim on the agency's list?"""
    visibility = rng.normal(0.0, config.visibility_sd, len(persons))
    forms = persons["exploitation_form"].to_numpy()
    captured: dict[str, np.ndarray] = {}
    for agency in config.agencies:
        form_odds = np.array([agency.form_odds.get(form, 1.0) for form in forms])
        logit = _logit(agency.capture_rate) + np.log(form_odds) + visibility
        for source, target in config.referrals:
            if target == agency.name and source in captured:
                logit = logit + np.log(config.referral_odds) * captured[source]
        captured[agency.name] = rng.random(len(persons)) < 1 / (1 + np.exp(-logit))
    return pd.DataFrame(captured, index=persons.index)


def _record_ids(source: str, count: int, rng: np.random.Generator) -> list[str]:
    # Numbered in a shuffled order so that a record id says nothing about the person.
    prefix = source[:3].upper()
    return [f"{prefix}-{number:06d}" for number in rng.permutation(count) + 1]


def list_records(
    config: WorldConfig, captures: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """One row per record: `record_id`, `source` and the index of the person it is about.

    Each captured victim has one record on the list, and a few (the agency's `duplicate_rate`)
    a second one, as when someone is registered again without the first record being found.
    """
    frames = []
    for agency in config.agencies:
        people = np.flatnonzero(captures[agency.name].to_numpy())
        twice = people[rng.random(len(people)) < agency.duplicate_rate]
        people = np.sort(np.concatenate([people, twice]))
        frames.append(
            pd.DataFrame(
                {
                    "record_id": _record_ids(agency.name, len(people), rng),
                    "source": agency.name,
                    "person_index": people,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
