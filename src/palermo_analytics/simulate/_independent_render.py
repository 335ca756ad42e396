"""How an agency of the independent generator writes a victim's name, and what went wrong.

`render_name` returns the name fields and the list of corruptions applied, so that a benchmark
can say which corruption caused the pairs a linker missed.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from palermo_analytics.simulate import _corruptors as corrupt
from palermo_analytics.simulate import _independent_names as names
from palermo_analytics.simulate._independent_config import Practice

_HOME_CHINESE = {"CN": "pinyin", "HK": "hong_kong", "MO": "macao", "TW": "wade_giles"}
_FAMILY_FIRST = {"chinese", "vietnamese"}


@dataclass
class Spelling:
    """A name as one record writes it, and the corruptions that shaped it."""

    given: str
    family: str
    alias: str = ""
    causes: list[str] = field(default_factory=list)
    family_first: bool = False


def _syllable(character: str, system: str, rnd: random.Random) -> str:
    pinyin, jyutping = names.GIVEN_CHARACTERS.get(character) or names.SURNAMES[character][:2]
    if system == "pinyin":
        return pinyin
    if system == "wade_giles":
        return names.wade_giles(pinyin)
    return names.cantonese_spelling(jyutping, macao=system == "macao", ts=rnd.random() < 0.4)


def _chinese(person: Mapping[str, str], practice: Practice, rnd: random.Random) -> Spelling:
    system = _HOME_CHINESE[person["nationality"]]
    causes = []
    if rnd.random() > practice.p_home_system:
        system = rnd.choice([s for s in _HOME_CHINESE.values() if s != system])
        causes.append("romanisation")
    syllables = [_syllable(c, system, rnd) for c in person["given_native"]]
    if system == "pinyin" and rnd.random() < 0.8:
        given = "".join(syllables).capitalize()
    else:
        given = rnd.choice(("-", " ", "")).join(syllables).capitalize()
        given = " ".join(p.capitalize() for p in given.split(" "))
    family = _syllable(person["family_native"], system, rnd).capitalize()
    alias = person["alias_native"]
    if alias and rnd.random() < 0.3:
        given = f"{alias} {given}"  # "Mandy Siu Ming": the English name put in front
        causes.append("english_name")
    return Spelling(given, family, alias, causes, family_first=True)


def _east_slavic(person: Mapping[str, str], practice: Practice, rnd: random.Random) -> Spelling:
    given, causes = person["given_native"], []
    if person["nationality"] == "UA" and rnd.random() < practice.russian_form:
        given = names.UKRAINIAN_GIVEN[person["sex"]].get(given, given)
        causes.append("russian_form")
    home = "ukrainian_2010" if person["nationality"] == "UA" else "icao_passport"
    scheme = home if rnd.random() < practice.p_home_system else rnd.choice(practice.schemes)
    if scheme != home:
        causes.append("transliteration")
    family = person["family_native"]
    if rnd.random() < 0.15:
        given = f"{given} {person['middle_native']}"  # with the patronymic
        causes.append("patronymic")
    return Spelling(
        names.transliterate(given, scheme), names.transliterate(family, scheme), "", causes
    )


def _mongolian(person: Mapping[str, str], practice: Practice, rnd: random.Random) -> Spelling:
    scheme = rnd.choice(("icao_passport", "bgn_pcgn", "german"))
    causes = [] if scheme == "icao_passport" else ["transliteration"]
    given = names.transliterate(person["given_native"], scheme)
    family = names.transliterate(person["family_native"], scheme)
    if rnd.random() < 0.4:
        family = family[0] + "."  # the father's name as an initial, as Mongolians write it
        causes.append("initial")
    return Spelling(given, family, "", causes)


def _vietnamese(person: Mapping[str, str], practice: Practice, rnd: random.Random) -> Spelling:
    family, middle, given = (person[f"{k}_native"] for k in ("family", "middle", "given"))
    causes = []
    if family in names.VIETNAMESE_EQUIVALENT and rnd.random() < 0.15:
        family = names.VIETNAMESE_EQUIVALENT[family]
        causes.append("regional_form")
    placement = rnd.random()
    if placement < 0.5:
        given = f"{middle} {given}"
    elif placement < 0.65:
        family = f"{family} {middle}"  # the middle name put with the family name
        causes.append("middle_name")
    else:
        causes.append("middle_name")  # the middle name left out
    if rnd.random() < 0.65:
        given, family = names.strip_diacritics(given), names.strip_diacritics(family)
    return Spelling(given, family, "", causes, family_first=True)


def _latin(person: Mapping[str, str], practice: Practice, rnd: random.Random) -> Spelling:
    given, family, alias = person["given_native"], person["family_native"], person["alias_native"]
    culture, causes = person["culture"], []
    if " " in given and rnd.random() < 0.4:
        given = corrupt.join_or_hyphenate(given, rnd)
        causes.append("joined_name")
    if culture == "filipino" and rnd.random() < 0.2:
        given = corrupt.middle_initial(given, rnd)
        causes.append("middle_initial")
    if culture == "indonesian" and rnd.random() < 0.2:
        given = names.indonesian_respelling(given, rnd)
        causes.append("transliteration")
    if culture == "thai" and rnd.random() < 0.3:
        given, family = names.thai_respelling(given, rnd), names.thai_respelling(family, rnd)
        causes.append("transliteration")
    if culture == "lusophone" and rnd.random() < 0.4:
        family = _particles(family, rnd)
        causes.append("particles")
    if culture == "lusophone" and rnd.random() < 0.5:
        given, family = names.strip_diacritics(given), names.strip_diacritics(family)
    return Spelling(given, family, alias, causes)


def _particles(family: str, rnd: random.Random) -> str:
    parts = family.split(" ")
    if len(parts) == 1:
        return family
    return rnd.choice((parts[-1], " ".join(p.capitalize() for p in parts), "".join(parts)))


_RENDER = {
    "chinese": _chinese,
    "east_slavic": _east_slavic,
    "mongolian": _mongolian,
    "vietnamese": _vietnamese,
}


def render_name(
    person: Mapping[str, str], practice: Practice, rnd: random.Random
) -> tuple[str, str, str, str, list[str]]:
    """given_name, family_name, full_name, aliases, and the corruptions applied."""
    spelling = _RENDER.get(person["culture"], _latin)(person, practice, rnd)
    given, family, causes = spelling.given, spelling.family, spelling.causes
    alias = spelling.alias
    if alias and rnd.random() < practice.p_nickname:
        given, alias = alias, given  # known by the nickname
        causes.append("nickname")
    given, family = _noise(given, family, practice, causes, rnd)
    if rnd.random() < practice.p_upper:
        family = family.upper()
    return (*_layout(given, family, spelling.family_first, practice, causes, rnd), alias, causes)


def _noise(
    given: str, family: str, practice: Practice, causes: list[str], rnd: random.Random
) -> tuple[str, str]:
    if rnd.random() < practice.p_typo:
        if rnd.random() < 0.5 or not family:
            given = corrupt.keyboard_typo(given, rnd)
        else:
            family = corrupt.keyboard_typo(family, rnd)
        causes.append("typo")
    if rnd.random() < practice.p_phonetic:
        given = corrupt.phonetic_error(given, rnd)
        if family and rnd.random() < 0.5:
            family = corrupt.phonetic_error(family, rnd)
        causes.append("phonetic")
    if rnd.random() < 0.03 and family:
        given = ""
        causes.append("missing_given_name")
    return given, family


def _layout(
    given: str,
    family: str,
    family_first: bool,
    practice: Practice,
    causes: list[str],
    rnd: random.Random,
) -> tuple[str, str, str]:
    if rnd.random() < 0.1:
        family_first = not family_first
        causes.append("name_order")
    whole = " ".join(p for p in ((family, given) if family_first else (given, family)) if p)
    split, full_only, _both = practice.layout
    roll = rnd.random()
    if roll < split:
        if rnd.random() < 0.05:
            causes.append("swapped_fields")
            return family, given, ""
        return given, family, ""
    if roll < split + full_only:
        return "", "", whole
    return given, family, whole
