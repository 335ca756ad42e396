"""A second world generator, of a different design, to validate linkage on data it did not shape.

    world = simulate_independent_world(population=6000, seed=3)
    world.person_list("police")   # the same person-list format as `simulate_world`
    world.truth()                  # record_id, source, person_id
    world.records["corruptions"]   # what went wrong in each record, for per-cause recall

Its names, transliterations and noise are its own (see `_independent_names`, `_corruptors`); its
capture comes from latent classes with list-specific leanings and referrals; each agency keeps
records its own way (`_independent_config.PRACTICES`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import numpy as np
import pandas as pd

from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS
from palermo_analytics.simulate import _corruptors as corrupt
from palermo_analytics.simulate._independent_config import (
    REFERRALS,
    VISIBILITY_CLASSES,
    IndependentWorldConfig,
    Practice,
)
from palermo_analytics.simulate._independent_people import draw_people
from palermo_analytics.simulate._independent_render import render_name
from palermo_analytics.simulate._world import Progress, World

_CHINESE_NATIONALS = ("CN", "HK", "MO", "TW")


def draw_independent_captures(
    config: IndependentWorldConfig, people: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Persons-by-agencies booleans from latent visibility classes, leanings and referrals."""
    shift = np.array([c[1] for c in VISIBILITY_CLASSES])[people["visibility_class"].to_numpy()]
    classes = people["visibility_class"].to_numpy()
    forms = people["exploitation_form"].to_numpy()
    local = people["nationality"].isin(_CHINESE_NATIONALS).to_numpy()
    captured: dict[str, np.ndarray] = {}
    for agency in config.agencies:
        logit = np.log(agency.capture_rate / (1 - agency.capture_rate)) + shift
        logit = logit + np.array(agency.class_shift)[classes]
        logit = logit + np.log([agency.form_odds.get(form, 1.0) for form in forms])
        logit = logit + np.where(local, np.log(agency.local_odds), 0.0)
        for source, target, odds in REFERRALS:
            if target == agency.name and source in captured:
                logit = logit + np.log(odds) * captured[source]
        captured[agency.name] = rng.random(len(people)) < 1 / (1 + np.exp(-logit))
    return pd.DataFrame(captured, index=people.index)


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class _Clerk:
    """Writes one agency's records about the people it has captured."""

    def __init__(self, config: IndependentWorldConfig, rnd: random.Random):
        self.config, self.rnd = config, rnd

    def record(self, person: Mapping[str, object], practice: Practice) -> dict[str, str]:
        rnd = self.rnd
        text = {key: str(value) for key, value in person.items()}
        given, family, whole, alias, causes = render_name(text, practice, rnd)
        recorded = self.config.reference_date - timedelta(
            days=rnd.randrange(365 * self.config.recording_years)
        )
        birth, age = self.dates(person, recorded, practice, causes)
        return {
            "given_name": given,
            "family_name": family,
            "full_name": whole,
            "aliases": alias if rnd.random() < 0.2 else "",
            "sex": "" if rnd.random() < 0.06 else text["sex"],
            "date_of_birth": birth,
            "age": age,
            "nationality": self.nationality(text["nationality"], causes),
            "document_number": self.document(text["document_number"], practice, causes),
            "phone": self.phone(text["phone"], practice, causes),
            "recorded_on": recorded.isoformat(),
            "corruptions": ";".join(dict.fromkeys(causes)),
        }

    def dates(
        self, person: Mapping[str, object], recorded: date, practice: Practice, causes: list[str]
    ) -> tuple[str, str]:
        rnd = self.rnd
        birth = date.fromisoformat(str(person["date_of_birth"]))
        roll = rnd.random()
        if roll < practice.p_dob:
            if not person["birthday_known"]:
                causes.append("year_only")
                return str(birth.year), ""
            if rnd.random() < practice.p_date_error:
                wrong = corrupt.date_error(birth, rnd)
                causes.append(
                    "day_month_swap" if wrong == corrupt.swap_day_month(birth) else "dob_error"
                )
                birth = wrong
            return birth.isoformat(), str(_age_on(birth, recorded)) if rnd.random() < 0.2 else ""
        if roll < practice.p_dob + practice.p_age:
            causes.append("age_only")
            guess = _age_on(birth, recorded) + round(rnd.gauss(0, 2.5))
            return "", str(min(max(guess, 10), 90))
        causes.append("missing_dob")
        return "", ""

    def nationality(self, nationality: str, causes: list[str]) -> str:
        roll = self.rnd.random()
        if roll < 0.1:
            causes.append("missing_nationality")
            return ""
        if roll < 0.14 and nationality in _CHINESE_NATIONALS:
            causes.append("nationality_error")
            return self.rnd.choice([c for c in _CHINESE_NATIONALS if c != nationality])
        return nationality

    def document(self, number: str, practice: Practice, causes: list[str]) -> str:
        rnd = self.rnd
        if rnd.random() >= practice.p_document:
            causes.append("missing_document")
            return ""
        if rnd.random() < 0.1:
            number = number[:1] + "".join(rnd.choice("0123456789") for _ in number[1:])
            causes.append("changed_document")
        if rnd.random() < practice.p_ocr:
            number = corrupt.ocr_error(number, rnd)
            causes.append("document_ocr")
        if rnd.random() < 0.02:
            number = corrupt.digit_error(number, rnd)
            causes.append("document_typo")
        style = rnd.random()
        if style < 0.1:
            return number.lower()
        return f"{number[:3]} {number[3:]}" if style < 0.2 else number

    def phone(self, phone: str, practice: Practice, causes: list[str]) -> str:
        rnd = self.rnd
        if rnd.random() >= practice.p_phone:
            causes.append("missing_phone")
            return ""
        code, national = phone.split(" ")
        if rnd.random() < 0.25:
            code, national = "853", "6" + "".join(rnd.choice("0123456789") for _ in range(7))
            causes.append("changed_phone")
        style = rnd.randrange(4)
        if style == 0:
            return f"+{code} {national}"
        if style == 1:
            return national if code == "853" else f"00{code}{national}"
        if style == 2:
            return f"{national[:4]} {national[4:]}" if code == "853" else f"+{code}-{national}"
        return f"({code}) {national}"


def _records(
    config: IndependentWorldConfig,
    people: pd.DataFrame,
    captures: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    clerk = _Clerk(config, random.Random(int(rng.integers(0, 2**63))))
    people_rows: list[dict[str, object]] = people.to_dict("records")  # type: ignore[assignment]
    rows = []
    for agency in config.agencies:
        on_list = list(np.flatnonzero(captures[agency.name].to_numpy()))
        twice = [p for p in on_list if rng.random() < agency.duplicate_rate]
        order = rng.permutation(len(on_list) + len(twice))
        prefix = agency.name[:3].upper()
        for number, p in zip(order, sorted(on_list + twice), strict=True):
            person = people_rows[p]
            record = clerk.record(person, agency)
            rows.append(
                {
                    "record_id": f"{prefix}-{number + 1:06d}",
                    "source": agency.name,
                    **record,
                    "person_id": person["person_id"],
                }
            )
    columns = [*PERSON_LIST_COLUMNS, "person_id", "corruptions"]
    return pd.DataFrame(rows, columns=columns)


def simulate_independent_world(
    population: int = 1000,
    seed: int = 0,
    lists: Iterable[str] | None = None,
    *,
    config: IndependentWorldConfig | None = None,
    progress: Progress | None = None,
) -> World:
    """A world from the independent generator, deterministic for the seed.

    `lists` names the agencies (default: police, ngo, shelter, hotline, labour, consulate);
    `config` overrides everything else. The result is a `World` like `simulate_world`'s: its
    `records` also have a `corruptions` column (causes separated by `;`).
    """
    config = config or IndependentWorldConfig.for_lists(lists, population, seed)
    report = progress or (lambda stage, done, total: None)
    rng = np.random.default_rng([config.seed, 16])  # 16: a different stream from simulate_world
    report("population", 0, 3)
    people = draw_people(config, rng)
    report("captures", 1, 3)
    captures = draw_independent_captures(config, people, rng)
    report("records", 2, 3)
    records = _records(config, people, captures, rng)
    report("done", 3, 3)
    return World(config, people, captures, records)
