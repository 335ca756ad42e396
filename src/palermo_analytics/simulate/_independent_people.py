"""The independent generator's hidden population: names, birthdays, documents, shared phones."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd

from palermo_analytics.simulate import _independent_names as names
from palermo_analytics.simulate._independent_config import (
    CULTURE,
    NATIONALITY_WEIGHTS,
    VISIBILITY_CLASSES,
    IndependentWorldConfig,
)

_FEMALE_SHARE = {"sexual": 0.9, "labour": 0.35, "other": 0.6}
_FORMS = {"sexual": 0.45, "labour": 0.45, "other": 0.10}
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _patronymic(father: str, sex: str) -> str:
    """A Russian patronymic from the father's given name: Сергей -> Сергеевна / Сергеевич."""
    stem, suffix = (father[:-1], "ев") if father.endswith(("й", "ь")) else (father, "ов")
    return stem + suffix + ("на" if sex == "F" else "ич")


def _chinese(rnd: random.Random, sex: str, nationality: str) -> dict[str, str]:
    surnames = list(names.SURNAMES)
    family = rnd.choices(surnames, weights=[names.SURNAMES[s][2] for s in surnames])[0]
    characters = list(names.GIVEN_CHARACTERS)
    given = "".join(rnd.sample(characters, 1 if rnd.random() < 0.25 else 2))
    english = rnd.random() < (0.5 if nationality in ("HK", "MO") else 0.1)
    alias = rnd.choice(names.ENGLISH_NAMES[sex]) if english else ""
    return {"given": given, "family": family, "middle": "", "alias": alias}


def _east_slavic(rnd: random.Random, sex: str, nationality: str) -> dict[str, str]:
    father = rnd.choice(names.RUSSIAN_GIVEN["M"])
    if nationality == "UA":
        given = rnd.choice(list(names.UKRAINIAN_GIVEN[sex]))
        family = rnd.choice(names.UKRAINIAN_SURNAMES)
    else:
        given = rnd.choice(names.RUSSIAN_GIVEN[sex])
        family = rnd.choice(names.RUSSIAN_SURNAMES)
    if sex == "F":
        family = names.feminine_surname(family)
    return {"given": given, "family": family, "middle": _patronymic(father, sex), "alias": ""}


def _mongolian(rnd: random.Random, sex: str, nationality: str) -> dict[str, str]:
    # Mongolians are known by their given name; the father's name stands where a surname would.
    given, father = rnd.sample(names.MONGOLIAN_GIVEN, 2)
    return {"given": given, "family": father, "middle": "", "alias": ""}


def _vietnamese(rnd: random.Random, sex: str, nationality: str) -> dict[str, str]:
    return {
        "given": rnd.choice(names.VIETNAMESE_GIVEN[sex]),
        "family": rnd.choice(names.VIETNAMESE_FAMILY),
        "middle": rnd.choice(names.VIETNAMESE_MIDDLE[sex]),
        "alias": "",
    }


NameDraw = Callable[[random.Random, str, str], dict[str, str]]


def _latin(culture: str) -> NameDraw:
    def draw(rnd: random.Random, sex: str, nationality: str) -> dict[str, str]:
        given = rnd.choice(names.LATIN_GIVEN[culture][sex])
        family = rnd.choice(names.LATIN_FAMILY[culture])
        if culture == "indonesian" and rnd.random() < 0.5:
            family = ""  # many Indonesians have a single name
        return {
            "given": given,
            "family": family,
            "middle": "",
            "alias": names.NICKNAMES.get(given, ""),
        }

    return draw


_DRAW_NAME: dict[str, NameDraw] = {
    "chinese": _chinese,
    "east_slavic": _east_slavic,
    "mongolian": _mongolian,
    "vietnamese": _vietnamese,
    **{culture: _latin(culture) for culture in ("filipino", "indonesian", "thai", "lusophone")},
}


def _document(rnd: random.Random, nationality: str) -> str:
    digits = lambda n: "".join(rnd.choice("0123456789") for _ in range(n))  # noqa: E731
    letters = lambda n: "".join(rnd.choice(_LETTERS) for _ in range(n))  # noqa: E731
    formats = {
        "CN": lambda: "E" + digits(8), "HK": lambda: "K" + digits(8),
        "MO": lambda: "1" + digits(7), "TW": lambda: digits(9), "VN": lambda: "C" + digits(7),
        "PH": lambda: "P" + digits(7) + letters(1), "ID": lambda: letters(1) + digits(7),
        "MN": lambda: "E" + digits(7), "RU": lambda: "7" + digits(8),
    }  # fmt: skip
    return formats.get(nationality, lambda: letters(2) + digits(6))()


_COUNTRY_CODE = {"CN": "86", "HK": "852", "MO": "853", "TW": "886", "VN": "84", "PH": "63",
                 "ID": "62", "TH": "66", "MN": "976", "RU": "7", "UA": "380", "BR": "55",
                 "PT": "351"}  # fmt: skip


def _phone(rnd: random.Random, nationality: str) -> str:
    if rnd.random() < 0.55:
        return "853 6" + "".join(rnd.choice("0123456789") for _ in range(7))
    return f"{_COUNTRY_CODE[nationality]} 9" + "".join(rnd.choice("0123456789") for _ in range(8))


def draw_people(config: IndependentWorldConfig, rng: np.random.Generator) -> pd.DataFrame:
    """One row per victim: attributes, native names, birthday, document, phone, latent class."""
    n = config.population
    rnd = random.Random(int(rng.integers(0, 2**63)))
    nationalities = list(NATIONALITY_WEIGHTS)
    weights = np.array([NATIONALITY_WEIGHTS[c] for c in nationalities], dtype=float)
    drawn = rng.choice(len(weights), size=n, p=weights / weights.sum())
    rows = []
    for i in range(n):
        nationality = nationalities[drawn[i]]
        form = rnd.choices(list(_FORMS), weights=list(_FORMS.values()))[0]
        sex = "F" if rnd.random() < _FEMALE_SHARE[form] else "M"
        age_days = int(min(max(rnd.gauss(26, 7), 14), 60) * 365.25)
        rows.append(
            {
                "person_id": f"Q{i + 1:07d}",
                "sex": sex,
                "date_of_birth": (config.reference_date - timedelta(days=age_days)).isoformat(),
                "birthday_known": rnd.random() >= config.unknown_birthday_share,
                "nationality": nationality,
                "culture": CULTURE[nationality],
                "exploitation_form": form,
                "visibility_class": rnd.choices(
                    range(len(VISIBILITY_CLASSES)), weights=[c[0] for c in VISIBILITY_CLASSES]
                )[0],
                **{
                    f"{key}_native": value
                    for key, value in _DRAW_NAME[CULTURE[nationality]](
                        rnd, sex, nationality
                    ).items()
                },
                "document_number": _document(rnd, nationality),
                "phone": _phone(rnd, nationality),
            }
        )
    _share_households(rows, config.household_share, rnd)
    return pd.DataFrame(rows)


def _share_households(people: list[dict[str, Any]], share: float, rnd: random.Random) -> None:
    """Groups of two to four victims of one nationality who share a phone (a family's, or the
    exploiter's), and in families a surname: pairs that look alike but are different people."""
    by_nationality: dict[str, list[dict[str, Any]]] = {}
    for person in people:
        person["household"] = ""
        by_nationality.setdefault(person["nationality"], []).append(person)
    for _nationality, members in sorted(by_nationality.items()):
        rnd.shuffle(members)
        in_households = members[: int(len(members) * share)]
        at = 0
        while at < len(in_households) - 1:
            size = min(rnd.choice((2, 2, 3, 4)), len(in_households) - at)
            household, at = in_households[at : at + size], at + size
            for member in household:
                member["household"] = f"H-{household[0]['person_id']}"
                member["phone"] = household[0]["phone"]
            if rnd.random() < 0.5 and household[0]["culture"] != "mongolian":
                _same_family(household)


def _same_family(household: list[dict[str, Any]]) -> None:
    family = household[0]["family_native"]
    base = family[:-1] if family.endswith(("ова", "ева", "ина", "ёва")) else family
    for member in household[1:]:
        if member["culture"] == "east_slavic" and member["sex"] == "F":
            member["family_native"] = names.feminine_surname(base)
        elif member["culture"] == "east_slavic":
            member["family_native"] = base
        else:
            member["family_native"] = family
