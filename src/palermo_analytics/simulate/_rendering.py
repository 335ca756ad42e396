"""How an agency writes a victim's name: romanisation system, diacritics, script, order, typos."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from unidecode import unidecode

from palermo_analytics.linkage._tables import (
    CHINESE_SYSTEMS,
    chinese_given_syllables,
    chinese_surnames,
    romanise_cyrillic,
)
from palermo_analytics.simulate._name_pools import mongolian_spellings

_CHINESE_HOME_SYSTEM = {"CN": "pinyin", "HK": "hong_kong", "MO": "macao", "TW": "wade_giles"}
_SLAVIC_HOME_SYSTEM = {"RU": "icao_9303", "UA": "ukrainian_2010"}
_FAMILY_FIRST = {"chinese", "vietnamese"}
# Spelling alternations seen in romanised Thai names (RTGS vs. older or personal spellings).
_THAI_ALTERNATIONS = (("ph", "p"), ("th", "t"), ("ch", "j"), ("oo", "u"), ("ee", "i"), ("w", "v"))


@dataclass(frozen=True)
class NameStyle:
    """The choices behind one record's spelling of a name."""

    variant: bool = False
    native_script: bool = False
    drop_diacritics: bool = False


@dataclass(frozen=True)
class TrueName:
    culture: str
    nationality: str
    given: str
    family: str
    middle: str = ""


@cache
def _spellings() -> dict[str, dict[str, str]]:
    """system -> Chinese characters -> spelling, for surnames and given-name characters."""
    table: dict[str, dict[str, str]] = {system: {} for system in CHINESE_SYSTEMS}
    for characters in chinese_surnames() + chinese_given_syllables():
        for system in CHINESE_SYSTEMS:
            table[system].setdefault(characters.hanzi, characters.spellings[system])
    return table


def _title(words: str) -> str:
    return " ".join(word.capitalize() for word in words.split())


def _chinese(name: TrueName, style: NameStyle, rnd: random.Random) -> tuple[str, str]:
    system = _CHINESE_HOME_SYSTEM.get(name.nationality, "pinyin")
    if style.variant:
        system = rnd.choice([s for s in CHINESE_SYSTEMS if s != system])
    spell = _spellings()[system]
    syllables = [spell[character] for character in name.given]
    if system == "pinyin":
        given = "".join(syllables).capitalize()
    else:
        given = rnd.choice(("-", " ")).join(syllables).capitalize()
        given = _title(given) if " " in given else given
    family = spell[name.family] if name.family else ""
    if system == "pinyin":
        family = family.replace(" ", "")  # Pinyin joins two-character surnames: Ouyang
    return given, _title(family)


def _east_slavic(name: TrueName, style: NameStyle, rnd: random.Random) -> tuple[str, str]:
    if style.native_script:
        return f"{name.given} {name.middle}".strip() if rnd.random() < 0.3 else name.given, (
            name.family
        )
    system = _SLAVIC_HOME_SYSTEM.get(name.nationality, "icao_9303")
    if style.variant:
        system = rnd.choice([s for s in ("icao_9303", "bgn_pcgn", "ukrainian_2010") if s != system])
    return romanise_cyrillic(name.given, system), romanise_cyrillic(name.family, system)


def _mongolian(name: TrueName, style: NameStyle, rnd: random.Random) -> tuple[str, str]:
    if style.native_script:
        return name.given, name.family
    spellings = mongolian_spellings()

    def spell(cyrillic: str) -> str:
        options = spellings.get(cyrillic, (cyrillic,))
        return rnd.choice(options[1:]) if style.variant and len(options) > 1 else options[0]

    return spell(name.given), spell(name.family)


def _thai_variant(text: str, rnd: random.Random) -> str:
    lower = text.lower()
    options = [(a, b) for a, b in _THAI_ALTERNATIONS if a in lower] or [("", "")]
    old, new = rnd.choice(options)
    return lower.replace(old, new, 1).capitalize() if old else text


def spell_name(name: TrueName, style: NameStyle, rnd: random.Random) -> tuple[str, str]:
    """(given, family) as this record writes them."""
    if name.culture == "chinese":
        given, family = _chinese(name, style, rnd)
    elif name.culture == "east_slavic":
        given, family = _east_slavic(name, style, rnd)
    elif name.culture == "mongolian":
        given, family = _mongolian(name, style, rnd)
    elif name.culture == "vietnamese":
        given, family = f"{name.middle} {name.given}".strip(), name.family
    elif name.culture == "thai" and style.variant:
        given, family = _thai_variant(name.given, rnd), _thai_variant(name.family, rnd)
    else:
        given, family = name.given, name.family
    if style.drop_diacritics and name.culture in ("vietnamese", "lusophone"):
        given, family = unidecode(given), unidecode(family)
    return given, family


def full_name(given: str, family: str, culture: str, swapped: bool) -> str:
    """The name as one string, in the culture's usual order unless `swapped`."""
    family_first = (culture in _FAMILY_FIRST) != swapped
    parts = (family, given) if family_first else (given, family)
    return " ".join(part for part in parts if part)


def chinese_alias(english_given: str, family: str) -> str:
    """An English name that a Hong Kong or Macao person uses with their surname: Mary Chan."""
    return f"{english_given} {family}".strip()


def with_typo(text: str, rnd: random.Random) -> str:
    """`text` with one keyboard slip: a letter substituted, dropped, doubled or transposed."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 3:
        return text
    i = rnd.choice(letters[1:])
    kind = rnd.randrange(4)
    if kind == 0:
        return text[:i] + rnd.choice("aeiounrstlmhkg") + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[:i] + text[i] + text[i:]
    j = i - 1
    return text[:j] + text[i] + text[j] + text[i + 1 :]
