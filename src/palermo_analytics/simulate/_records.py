"""Turning a captured victim into the record an agency keeps, errors and all."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import numpy as np
import pandas as pd

from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS, REQUIRED_COLUMNS
from palermo_analytics.simulate._config import NoiseConfig, WorldConfig
from palermo_analytics.simulate._rendering import (
    NameStyle,
    TrueName,
    chinese_alias,
    full_name,
    spell_name,
    with_typo,
)


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _swap_or_shift(birth: date, rnd: random.Random) -> date:
    """A wrong date: day and month transposed when that is a date, else the day mistyped."""
    if birth.day <= 12 and birth.day != birth.month:
        return birth.replace(month=birth.day, day=birth.month)
    return birth + timedelta(days=rnd.choice((-10, -9, -1, 1, 9, 10)))


class _RecordMaker:
    """Builds person-list rows; the random choices are drawn up front for all records at once."""

    def __init__(self, config: WorldConfig, persons: pd.DataFrame, rng: np.random.Generator):
        self.config = config
        self.person = {column: persons[column].to_numpy() for column in persons.columns}
        self.noise: NoiseConfig = config.noise
        self.rng = rng
        self.rnd = random.Random(int(rng.integers(0, 2**63)))

    def flags(self, count: int) -> dict[str, np.ndarray]:
        return {
            field.name: self.rng.random(count) < getattr(self.noise, field.name)
            for field in dataclasses.fields(self.noise)
        }

    def names(self, p: int, flag: dict[str, bool]) -> tuple[str, str, str, str]:
        """given_name, family_name, full_name and aliases of one record about person `p`."""
        person, rnd = self.person, self.rnd
        culture = person["culture"][p]
        true = TrueName(
            culture,
            person["nationality"][p],
            person["given_native"][p],
            person["family_native"][p],
            person["patronymic_native"][p] if culture == "vietnamese" else "",
        )
        style = NameStyle(
            flag["romanisation_variant"], flag["native_script"], flag["diacritics_dropped"]
        )
        given, family = spell_name(true, style, rnd)
        alias = self.alias(p, family)
        if flag["recorded_under_alias"]:
            given, alias = alias.split(" ")[0], given
        if flag["typo"]:
            if rnd.random() < 0.5 or not family:
                given = with_typo(given, rnd)
            else:
                family = with_typo(family, rnd)
        if flag["missing_given_name"] and family:
            given = ""
        listed_alias = alias if flag["alias_listed"] or flag["recorded_under_alias"] else ""
        return (*self.name_fields(given, family, culture, flag["swapped_name_order"]), listed_alias)

    def alias(self, p: int, family: str) -> str:
        alias = self.person["alias_native"][p]
        return chinese_alias(alias, family) if self.person["culture"][p] == "chinese" else alias

    def name_fields(
        self, given: str, family: str, culture: str, swapped: bool
    ) -> tuple[str, str, str]:
        rnd = self.rnd
        if swapped and rnd.random() < 0.5:
            given, family = family, given  # written in the wrong boxes
            swapped = False
        whole = full_name(given, family, culture, swapped)
        layout = rnd.random()
        if layout < 0.25:
            return "", "", whole
        return (given, family, whole if layout < 0.75 else "")

    def dates(self, p: int, flag: dict[str, bool]) -> tuple[str, str, str]:
        """date_of_birth, age and recorded_on."""
        rnd = self.rnd
        recorded = self.config.reference_date - timedelta(days=rnd.randrange(365))
        birth = date.fromisoformat(self.person["date_of_birth"][p])
        age = _age_on(birth, recorded)
        if flag["missing_date_of_birth"]:
            return "", "", recorded.isoformat()
        if flag["estimated_age"]:
            return "", str(max(1, age + round(rnd.gauss(0, 2)))), recorded.isoformat()
        if flag["wrong_day_or_month"]:
            birth = _swap_or_shift(birth, rnd)
        text = birth.isoformat()
        if flag["year_only"]:
            text = text[:4]
        elif flag["missing_day"]:
            text = text[:7]
        return text, str(age) if rnd.random() < 0.3 else "", recorded.isoformat()

    def document(self, p: int, flag: dict[str, bool]) -> str:
        rnd = self.rnd
        if flag["missing_document"]:
            return ""
        number = self.person["document_number"][p]
        if flag["changed_document"]:
            number = number[:2] + str(rnd.randrange(1_000_000, 9_999_999))
        if flag["document_typo"]:
            i = rnd.randrange(2, len(number))
            number = number[:i] + str(rnd.randrange(10)) + number[i + 1 :]
        style = rnd.random()
        if style < 0.1:
            return number.lower()
        return f"{number[:2]} {number[2:]}" if style < 0.2 else number

    def phone(self, p: int, flag: dict[str, bool]) -> str:
        rnd = self.rnd
        if flag["missing_phone"]:
            return ""
        code, national = self.person["phone"][p].split(" ")
        if flag["changed_phone"]:
            code, national = "853", f"6{rnd.randrange(10**7):07d}"
        return _format_phone(code, national, rnd.randrange(5))


def _format_phone(code: str, national: str, style: int) -> str:
    grouped = " ".join(national[i : i + 4] for i in range(0, len(national), 4))
    formats = (
        f"+{code}{national}",
        f"+{code} {grouped}",
        national,
        f"00{code} {national}",
        f"(+{code}) {national[:4]}-{national[4:]}",
    )
    return formats[style]


def make_records(
    config: WorldConfig, persons: pd.DataFrame, records: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Person-list rows for `records` (record_id, source, person_index), plus `person_id`."""
    maker = _RecordMaker(config, persons, rng)
    flags = maker.flags(len(records))
    names = list(flags)
    rows = []
    for i, p in enumerate(records["person_index"].to_numpy()):
        flag = {name: bool(flags[name][i]) for name in names}
        given, family, whole, aliases = maker.names(p, flag)
        birth, age, recorded = maker.dates(p, flag)
        sex = "" if flag["missing_sex"] else maker.person["sex"][p]
        nationality = "" if flag["missing_nationality"] else maker.person["nationality"][p]
        identifiers = (maker.document(p, flag), maker.phone(p, flag))
        rows.append(
            (given, family, whole, aliases, sex, birth, age, nationality, *identifiers, recorded)
        )
    out = pd.DataFrame(
        rows, columns=list(PERSON_LIST_COLUMNS[len(REQUIRED_COLUMNS) :]), index=records.index
    )
    out.insert(0, "source", records["source"])
    out.insert(0, "record_id", records["record_id"])
    out["person_id"] = persons["person_id"].to_numpy()[records["person_index"].to_numpy()]
    return out
