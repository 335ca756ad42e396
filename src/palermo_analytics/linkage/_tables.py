"""The romanisation tables in `data/`, loaded once. The simulator renders names with them too."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

CHINESE_SYSTEMS = ("pinyin", "hong_kong", "macao", "wade_giles")
CYRILLIC_SYSTEMS = ("icao_9303", "bgn_pcgn", "ukrainian_2010")


@dataclass(frozen=True)
class ChineseCharacters:
    """A surname or given-name character and how each romanisation system spells it."""

    hanzi: str
    spellings: Mapping[str, str]
    weight: float = 1.0
    sex: str = "u"

    @property
    def pinyin(self) -> str:
        return self.spellings["pinyin"]


def read_table(package: str, name: str) -> list[dict[str, str]]:
    """Rows of a CSV data file in `package`, skipping its `#` header comments."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _characters(name: str) -> tuple[ChineseCharacters, ...]:
    return tuple(
        ChineseCharacters(
            hanzi=row["hanzi"],
            spellings=MappingProxyType({system: row[system] for system in CHINESE_SYSTEMS}),
            weight=float(row.get("weight") or 1.0),
            sex=row.get("sex") or "u",
        )
        for row in read_table(__package__ or "palermo_analytics.linkage", name)
    )


@cache
def chinese_surnames() -> tuple[ChineseCharacters, ...]:
    return _characters("chinese_surnames.csv")


@cache
def chinese_given_syllables() -> tuple[ChineseCharacters, ...]:
    return _characters("chinese_given_syllables.csv")


@cache
def cyrillic_romanisation() -> Mapping[str, Mapping[str, tuple[str, str]]]:
    """system -> Cyrillic letter -> (spelling inside a word, spelling at its start)."""
    systems: dict[str, dict[str, tuple[str, str]]] = {name: {} for name in CYRILLIC_SYSTEMS}
    for row in read_table(__package__ or "palermo_analytics.linkage", "cyrillic_romanisation.csv"):
        medial = row["latin"]
        systems[row["system"]][row["cyrillic"]] = (medial, row["latin_initial"] or medial)
    return MappingProxyType({name: MappingProxyType(table) for name, table in systems.items()})


@cache
def latin_skeleton_rules(cyrillic: bool = False) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The skeleton rules for names of Cyrillic origin (`cyrillic`) or for the others."""
    rows = read_table(__package__ or "palermo_analytics.linkage", "latin_skeleton.csv")
    scopes = ("all", "cyrillic") if cyrillic else ("all", "latin")
    return tuple(
        (re.compile(row["pattern"]), row["replacement"]) for row in rows if row["scope"] in scopes
    )


@cache
def east_slavic_given_forms() -> Mapping[str, str]:
    """Ukrainian given name (romanised, lower case) -> its Russian form: oleksandr -> aleksandr."""
    rows = read_table(__package__ or "palermo_analytics.linkage", "east_slavic_given_names.csv")
    return MappingProxyType({row["ukrainian"]: row["russian"] for row in rows})


def romanise_cyrillic(text: str, system: str = "icao_9303") -> str:
    """Spell Cyrillic `text` in Latin letters under `system`, keeping the case of each word."""
    table = cyrillic_romanisation()[system]
    out: list[str] = []
    at_word_start = True
    for char in text:
        lower = char.lower()
        if lower in table:
            medial, initial = table[lower]
            latin = initial if at_word_start else medial
            out.append(latin.capitalize() if char.isupper() and at_word_start else latin)
            at_word_start = False
        else:
            out.append(char)
            at_word_start = not char.isalpha()
    return "".join(out)
