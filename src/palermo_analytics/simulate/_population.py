"""The hidden population: who the victims are, with their true names and identifiers."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import cast

import numpy as np
import pandas as pd
import phonenumbers

from palermo_analytics.simulate._config import CULTURE_OF_NATIONALITY, WorldConfig
from palermo_analytics.simulate._name_pools import CulturePools, culture_pools

# Share of women among victims by form of exploitation (UNODC GLOTIP 2022 orders of magnitude).
_FEMALE_SHARE = {"sexual": 0.92, "labour": 0.40, "other": 0.65}
_LOCAL_PHONE_SHARE = 0.6  # victims in Macao mostly carry a local SIM card


def _choice(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def _pool_key(culture: str, nationality: str) -> str:
    if culture == "east_slavic":
        return "east_slavic_ua" if nationality == "UA" else "east_slavic_ru"
    return culture


def _pick(rng: np.random.Generator, pool: tuple[str, ...], size: int) -> np.ndarray:
    return np.array(pool, dtype=object)[rng.integers(0, len(pool), size=size)]


def _chinese_given(rng: np.random.Generator, pool: tuple[str, ...], size: int) -> np.ndarray:
    first, second = _pick(rng, pool, size), _pick(rng, pool, size)
    one_character = rng.random(size) < 0.3
    return np.where(one_character, first, first + second)


def _weighted_pick(
    rng: np.random.Generator, pool: tuple[str, ...], weights: tuple[float, ...] | None, size: int
) -> np.ndarray:
    if weights is None:
        return _pick(rng, pool, size)
    p = np.array(weights) / sum(weights)
    return np.array(pool, dtype=object)[rng.choice(len(pool), size=size, p=p)]


def _names(rng: np.random.Generator, persons: pd.DataFrame, seed: int) -> pd.DataFrame:
    pools = culture_pools(seed)
    columns = {c: np.full(len(persons), "", dtype=object) for c in ("given", "family", "patro")}
    columns["alias"] = np.full(len(persons), "", dtype=object)
    for group, positions in persons.groupby(["pool", "sex"]).indices.items():
        pool_key, sex = cast(tuple[str, str], group)
        index = np.asarray(positions)
        pool: CulturePools = pools[pool_key]
        n = len(index)
        if pool_key == "chinese":
            columns["given"][index] = _chinese_given(rng, pool.given[sex], n)
        else:
            columns["given"][index] = _pick(rng, pool.given[sex], n)
        columns["family"][index] = _weighted_pick(rng, pool.family[sex], pool.family_weights, n)
        columns["alias"][index] = _pick(rng, pool.aliases[sex], n)
        if pool.patronymics is not None:
            columns["patro"][index] = _pick(rng, pool.patronymics[sex], n)
    single_name = (persons["pool"].to_numpy() == "indonesian") & (rng.random(len(persons)) < 0.6)
    columns["family"][single_name] = ""  # many Indonesians have a single name
    return pd.DataFrame(
        {
            "given_native": columns["given"],
            "family_native": columns["family"],
            "patronymic_native": columns["patro"],
            "alias_native": columns["alias"],
        },
        index=persons.index,
    )


def _documents(rng: np.random.Generator, size: int) -> np.ndarray:
    letters = np.array(list("ABCDEFGHJKLMNPRSTUVWXYZ"), dtype=object)
    prefix = letters[rng.integers(0, len(letters), size)] + letters[rng.integers(0, 23, size)]
    digits = rng.integers(1_000_000, 9_999_999, size).astype(str).astype(object)
    return prefix + digits


@cache
def _mobile_prefix(region: str) -> tuple[str, str, int]:
    """Country code and start of an example mobile number of `region`; digits that follow."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        raise ValueError(f"phonenumbers has no example mobile number for {region}")
    national = str(example.national_number)
    tail = min(6, len(national) - 2)
    return str(example.country_code), national[:-tail], tail


def _home_phone(rng: np.random.Generator, region: str) -> str:
    code, start, tail = _mobile_prefix(region)
    return f"{code} {start}{str(rng.integers(0, 10**tail)).zfill(tail)}"


def _phones(rng: np.random.Generator, nationalities: np.ndarray) -> np.ndarray:
    """Mobile numbers as "country-code national-number", so records can format them variously."""
    size = len(nationalities)
    local = np.array([f"853 6{n:07d}" for n in rng.integers(0, 10_000_000, size)], dtype=object)
    home = np.array([_home_phone(rng, region) for region in nationalities], dtype=object)
    return np.where(rng.random(size) < _LOCAL_PHONE_SHARE, local, home)


def draw_population(config: WorldConfig, rng: np.random.Generator) -> pd.DataFrame:
    """One row per victim: `person_id`, attributes, true names in native form, identifiers."""
    n = config.population
    form = _choice(rng, dict(config.form_weights), n)
    female_share = np.array([_FEMALE_SHARE[f] for f in form])
    sex = np.where(rng.random(n) < female_share, "F", "M")
    nationality = _choice(rng, dict(config.nationality_weights), n)
    culture = np.array([CULTURE_OF_NATIONALITY[c] for c in nationality], dtype=object)
    age_days = (np.clip(rng.normal(27, 8, n), 13, 65) * 365.25).astype(int)
    birth = [config.reference_date - timedelta(days=int(d)) for d in age_days]
    persons = pd.DataFrame(
        {
            "person_id": [f"P{i:07d}" for i in range(1, n + 1)],
            "sex": sex,
            "date_of_birth": [d.isoformat() for d in birth],
            "nationality": nationality,
            "culture": culture,
            "pool": [_pool_key(c, nat) for c, nat in zip(culture, nationality, strict=True)],
            "exploitation_form": form,
        }
    )
    persons = persons.join(_names(rng, persons, config.seed))
    persons["document_number"] = _documents(rng, n)
    persons["phone"] = _phones(rng, nationality)
    return persons
