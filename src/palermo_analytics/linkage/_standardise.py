"""From person-list rows to the standardised columns that the linkage model compares."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

import jellyfish
import numpy as np
import pandas as pd
import phonenumbers

from palermo_analytics.linkage._names import (
    all_candidate_keys,
    name_keys,
    origin_of,
    representative_key,
)

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
_NOT_DIGIT = re.compile(r"\D")
_MIN_DOCUMENT_LENGTH = 4
# Characters a scanner reads as one another (FEBRL's and GeCo's OCR tables, and OCR-B passport
# zones): each group is folded to its digit, so that E638S8981 and E63858981 share a key.
_OCR_FOLDS: tuple[tuple[str, str], ...] = (
    ("RN", "M"), ("O", "0"), ("Q", "0"), ("D", "0"), ("I", "1"), ("L", "1"), ("Z", "2"),
    ("A", "4"), ("S", "5"), ("G", "6"), ("B", "8"),
)  # fmt: skip
# Birth years are blocked in windows this many years wide, twice (the second shifted by half a
# window), so that two years at most half a window apart always share one: an estimated age is
# often a year or three off.
BIRTH_WINDOW = 6
_PHONE_TAIL = 8  # last digits of a phone number: the same whatever the country-code formatting
# A name shared by more records than this is too common to block on alone (at a million records,
# "chen wei" would bring millions of pairs); such names are blocked together with a birth year.
RARE_NAME_LIMIT = 30
# A name token (one word or syllable key) is blocked with a birth year or a nationality only when
# no more records than this share it; at a million records "nguyen" or "chen" would bring
# millions of pairs, and those names are still met through the whole-name and date blocks.
BLOCKING_TOKEN_LIMIT = 2000


def _map_unique[T](column: pd.Series, function: Callable[[str], T]) -> list[T]:
    """`function` of every value, computed once per distinct value (names repeat a lot)."""
    codes, uniques = pd.factorize(column, sort=False)
    results = [function(value) for value in uniques]
    return [results[code] for code in codes]


def _keys_of(column: pd.Series, nationality: pd.Series) -> list[tuple[tuple[str, ...], ...]]:
    """Name keys of each value, the Cyrillic rules used when the name is of Cyrillic origin."""

    def keys(value: str) -> tuple[tuple[str, ...], ...]:
        text, country = value.split("\x1f")
        return name_keys(text, origin_of(text, country))

    return _map_unique(column.fillna("") + "\x1f" + nationality.fillna(""), keys)


def _name_columns(lists: pd.DataFrame) -> pd.DataFrame:
    nationality = lists["nationality"]
    given = _keys_of(lists["given_name"], nationality)
    family = _keys_of(lists["family_name"], nationality)
    whole = _keys_of(lists["full_name"], nationality)
    aliases = _keys_of(lists["aliases"].str.split(";").str[0], nationality)
    primary = [g + f if g or f else w for g, f, w in zip(given, family, whole, strict=True)]
    keys = pd.Series([representative_key(name) for name in primary], index=lists.index)
    sorted_firsts = [sorted(c[0] for c in name) for name in primary]
    tokens = _token_columns(primary, whole)
    return tokens.set_axis(lists.index).join(
        pd.DataFrame(
            {
                "name_key": keys,
                "name_key_rare": keys.where(keys.map(keys.value_counts()) <= RARE_NAME_LIMIT),
                "name_first": [firsts[0] if firsts else None for firsts in sorted_firsts],
                "name_last": [firsts[-1] if firsts else None for firsts in sorted_firsts],
                "name_keys": [
                    all_candidate_keys(p, w, a) or None
                    for p, w, a in zip(primary, whole, aliases, strict=True)
                ],
                "alias_key": [representative_key(alias) for alias in aliases],
                "phonetic_key": [phonetic_key(name) for name in primary],
            },
            index=lists.index,
        )
    )


def phonetic_key(keys: tuple[tuple[str, ...], ...]) -> str | None:
    """The name's tokens by sound (Metaphone of each representative key), sorted: a key on which
    a typo or a heard spelling (Gabryela / Gabriela) still meets."""
    sounds = sorted(jellyfish.metaphone(candidates[0]) for candidates in keys if candidates[0])
    return " ".join(sound for sound in sounds if sound) or None


def _token_columns(
    primary: list[tuple[tuple[str, ...], ...]], whole: list[tuple[tuple[str, ...], ...]]
) -> pd.DataFrame:
    """Each record's name tokens (first candidate keys) and their sounds, for blocking on any
    one of them, and the rare tokens, on which sharing a single token says more."""
    tokens = [
        sorted({c[0] for c in p} | {c[0] for c in w}) for p, w in zip(primary, whole, strict=True)
    ]
    counts = pd.Series([t for ts in tokens for t in ts]).value_counts()
    rare = set(counts.index[counts <= RARE_NAME_LIMIT])
    return pd.DataFrame(
        {
            "name_tokens": _blockable(tokens),
            "name_rare_tokens": [[t for t in ts if t in rare] or None for ts in tokens],
            "name_sounds": _blockable([_sounds(ts) for ts in tokens]),
        }
    )


def _sounds(tokens: list[str]) -> list[str]:
    """The Metaphone of each token, each once: Boonme and Bunmee are both BNM."""
    return sorted({sound for sound in map(jellyfish.metaphone, tokens) if sound})


def _blockable(keys: list[list[str]]) -> list[list[str] | None]:
    """Each record's keys that no more than `BLOCKING_TOKEN_LIMIT` records share (None if none)."""
    counts = pd.Series([k for ks in keys for k in ks], dtype=object).value_counts()
    blockable = set(counts.index[counts <= BLOCKING_TOKEN_LIMIT])
    return [[k for k in ks if k in blockable] or None for ks in keys]


def _part(text: pd.Series, start: int, stop: int) -> pd.Series:
    return pd.to_numeric(text.str.slice(start, stop).replace("", None), errors="coerce")


def _date_columns(lists: pd.DataFrame, reference_date: date | None) -> pd.DataFrame:
    dob = lists["date_of_birth"]
    year, month, day = _part(dob, 0, 4), _part(dob, 5, 7), _part(dob, 8, 10)
    fallback_year = (reference_date or date.today()).year
    recorded_year = _part(lists["recorded_on"], 0, 4).fillna(fallback_year)
    age = pd.to_numeric(lists["age"].replace("", None), errors="coerce")
    # An age alone gives a birth year to within one: recorded year minus age (minus one if the
    # birthday had not come yet); we take the later year and let the comparison allow ±1-2.
    estimated = year.isna() & age.notna()
    birth_year = year.fillna(recorded_year - age)
    return pd.DataFrame(
        {
            "birth_year": birth_year.astype("Int64"),
            "birth_month": month.astype("Int64"),
            "birth_day": day.astype("Int64"),
            "dob": dob.where(dob.str.len() == 10, None),
            "birth_year_estimated": estimated,
            "birth_window": (birth_year // BIRTH_WINDOW).astype("Int64"),
            "birth_window_shifted": ((birth_year + BIRTH_WINDOW // 2) // BIRTH_WINDOW).astype(
                "Int64"
            ),
        },
        index=lists.index,
    )


def normalise_document(text: str) -> str | None:
    """Upper-case letters and digits only; too short to identify anyone is treated as missing."""
    cleaned = _NOT_ALPHANUMERIC.sub("", text.upper())
    return cleaned if len(cleaned) >= _MIN_DOCUMENT_LENGTH else None


def ocr_key(document: str | None) -> str | None:
    """A normalised document number with the characters a scanner confuses folded together
    (O/0, I/L/1, S/5, B/8, Z/2, G/6, rn/m): the same key whichever way the scan went."""
    if document is None:
        return None
    for glyph, folded in _OCR_FOLDS:
        document = document.replace(glyph, folded)
    return document


@cache
def normalise_phone(text: str, nationality: str, region: str) -> str | None:
    """E.164 where the number can be read; else its digits. National numbers are read as the
    jurisdiction's (`region`) first, then as the person's nationality's."""
    digits = _NOT_DIGIT.sub("", text)
    if not digits:
        return None
    if text.lstrip().startswith(("+", "(+")):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    for candidate_region in dict.fromkeys((region, nationality)):
        if not candidate_region:
            continue
        try:
            number = phonenumbers.parse(digits, candidate_region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return digits


def _phone_columns(lists: pd.DataFrame, region: str) -> pd.DataFrame:
    pairs = list(zip(lists["phone"], lists["nationality"], strict=True))
    phones = _map_unique(
        pd.Series([f"{p}\x1f{n}" for p, n in pairs], index=lists.index),
        lambda key: normalise_phone(*key.split("\x1f"), region),
    )
    tails = [p[-_PHONE_TAIL:] if p and len(p) >= _PHONE_TAIL else None for p in phones]
    return pd.DataFrame({"phone": phones, "phone_tail": tails}, index=lists.index)


def _blank_as_null(column: pd.Series) -> pd.Series:
    return column.where(column != "", None)


def standardise(
    lists: pd.DataFrame, *, region: str = "MO", reference_date: date | None = None
) -> pd.DataFrame:
    """The columns the model compares, one row per record, `unique_id` = row number."""
    out = pd.DataFrame(
        {"unique_id": np.arange(len(lists), dtype=np.int64), "source": lists["source"]},
        index=lists.index,
    )
    out = out.join(_name_columns(lists)).join(_date_columns(lists, reference_date))
    out["document"] = _map_unique(lists["document_number"], normalise_document)
    out["document_ocr"] = [ocr_key(document) for document in out["document"]]
    out = out.join(_phone_columns(lists, region))
    out["sex"] = _blank_as_null(lists["sex"])
    out["nationality"] = _blank_as_null(lists["nationality"])
    return out.reset_index(drop=True)
