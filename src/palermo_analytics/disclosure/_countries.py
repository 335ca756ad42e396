"""Countries (ISO 3166-1 alpha-2) up the UN M49 geoscheme: sub-region, then region.

The table comes from country_converter, read on first use (no work at import time).
"""

from functools import cache

# country_converter names the Americas as one continent; M49 calls the region "Americas".
_REGION_NAMES = {"America": "Americas"}
# Codes CTDC uses that are not ISO 3166-1 countries: "00" is its own "unknown country".
EXTRA_CODES = {"XK": ("Southern Europe", "Europe")}


@cache
def _table() -> dict[str, tuple[str, str]]:
    import country_converter

    data = country_converter.CountryConverter().data
    return {
        str(code): (str(subregion), _REGION_NAMES.get(str(region), str(region)))
        for code, subregion, region in zip(
            data["ISO2"], data["UNregion"], data["continent"], strict=True
        )
    } | EXTRA_CODES


def is_country(code: str) -> bool:
    return code in _table()


def subregion_of(code: str) -> str | None:
    entry = _table().get(code)
    return entry[0] if entry else None


def region_of(code: str) -> str | None:
    entry = _table().get(code)
    return entry[1] if entry else None


def country_codes() -> list[str]:
    return sorted(_table())


def regions() -> list[str]:
    return sorted({region for _, region in _table().values()})
