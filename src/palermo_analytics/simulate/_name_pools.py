"""Pools of names by naming culture and sex, from Faker's locales and the package's own tables.

A pool holds names in the culture's own form (Chinese characters, Cyrillic, Vietnamese with
diacritics); `_rendering` spells them as an agency would write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from faker import Faker

from palermo_analytics.linkage._tables import chinese_given_syllables, chinese_surnames, read_table

SEXES = ("F", "M")
_POOL_DRAWS = 400  # Faker calls per pool: enough to see nearly every name a locale has


@dataclass(frozen=True)
class CulturePools:
    """Given names, family names (and patronymics, aliases) of one culture, by sex."""

    given: dict[str, tuple[str, ...]]
    family: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, ...]]
    patronymics: dict[str, tuple[str, ...]] | None = None
    family_weights: tuple[float, ...] | None = None


def _draw(locale: str, method: str, seed: int) -> tuple[str, ...]:
    """Distinct names that Faker's `locale` gives from `method`, in a fixed order."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    produce = getattr(fake, method)
    return tuple(dict.fromkeys(produce() for _ in range(_POOL_DRAWS)))


def _by_sex(locale: str, stem: str, seed: int) -> dict[str, tuple[str, ...]]:
    return {
        "F": _draw(locale, f"{stem}_female", seed),
        "M": _draw(locale, f"{stem}_male", seed + 1),
    }


def _same_for_both(names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {"F": names, "M": names}


def _english_given(seed: int) -> dict[str, tuple[str, ...]]:
    return _by_sex("en_US", "first_name", seed)


def _chinese(seed: int) -> CulturePools:
    # Given names are one or two characters; `_rendering` joins them. Here: single characters.
    syllables = chinese_given_syllables()
    given = {sex: tuple(s.hanzi for s in syllables if s.sex in (sex.lower(), "u")) for sex in SEXES}
    surnames = chinese_surnames()
    family = _same_for_both(tuple(s.hanzi for s in surnames))
    return CulturePools(
        given, family, _english_given(seed), family_weights=tuple(s.weight for s in surnames)
    )


def _east_slavic(locale: str, seed: int) -> CulturePools:
    return CulturePools(
        given=_by_sex(locale, "first_name", seed),
        family=_by_sex(locale, "last_name", seed + 2),
        aliases=_by_sex(locale, "first_name", seed + 4),
        patronymics=_by_sex(locale, "middle_name", seed + 6),
    )


def _from_locale(locale: str, seed: int, *, family_by_sex: bool = False) -> CulturePools:
    if family_by_sex:
        family = _by_sex(locale, "last_name", seed + 2)
    else:
        family = _same_for_both(_draw(locale, "last_name", seed + 2))
    return CulturePools(
        given=_by_sex(locale, "first_name", seed),
        family=family,
        aliases=_by_sex(locale, "first_name", seed + 4),
    )


def _vietnamese(seed: int) -> CulturePools:
    pools = _from_locale("vi_VN", seed)
    middle = _draw("vi_VN", "middle_name", seed + 8)
    return CulturePools(pools.given, pools.family, pools.aliases, _same_for_both(middle))


def _filipino() -> CulturePools:
    rows = read_table("palermo_analytics.simulate", "filipino_names.csv")

    def kind(name: str) -> tuple[str, ...]:
        return tuple(row["name"] for row in rows if row["kind"] == name)

    return CulturePools(
        given={"F": kind("given_f"), "M": kind("given_m")},
        family=_same_for_both(kind("surname")),
        aliases=_same_for_both(kind("nickname")),
    )


def _mongolian() -> CulturePools:
    rows = read_table("palermo_analytics.simulate", "mongolian_names.csv")

    def of_sex(sex: str) -> tuple[str, ...]:
        return tuple(row["cyrillic"] for row in rows if row["sex"] in (sex.lower(), "u"))

    given = {sex: of_sex(sex) for sex in SEXES}
    # The patronymic is the father's given name.
    return CulturePools(given, _same_for_both(of_sex("M")), given)


@cache
def culture_pools(seed: int) -> dict[str, CulturePools]:
    """Every culture's pools; `seed` fixes which names Faker offers."""
    pt = _from_locale("pt_PT", seed + 30)
    br = _from_locale("pt_BR", seed + 40)
    lusophone = CulturePools(
        given={sex: pt.given[sex] + br.given[sex] for sex in SEXES},
        family=_same_for_both(pt.family["F"] + br.family["F"]),
        aliases={sex: pt.aliases[sex] + br.aliases[sex] for sex in SEXES},
    )
    russian, ukrainian = _east_slavic("ru_RU", seed + 50), _east_slavic("uk_UA", seed + 60)
    return {
        "chinese": _chinese(seed),
        "vietnamese": _vietnamese(seed + 10),
        "filipino": _filipino(),
        "indonesian": _from_locale("id_ID", seed + 20, family_by_sex=True),
        "thai": _from_locale("en_TH", seed + 70),
        "mongolian": _mongolian(),
        "lusophone": lusophone,
        "east_slavic_ru": russian,
        "east_slavic_ua": ukrainian,
    }


def mongolian_spellings() -> dict[str, tuple[str, ...]]:
    """Cyrillic Mongolian name -> its Latin spellings, the national standard's first."""
    rows = read_table("palermo_analytics.simulate", "mongolian_names.csv")
    return {row["cyrillic"]: tuple(row["latin"].split("|")) for row in rows}
