"""Name keys: the spelling-independent form in which names are compared.

A name is cut into tokens (Unicode-normalised, Cyrillic romanised, diacritics and punctuation
dropped, lower case). Each token becomes one or more keys: a romanised Chinese syllable becomes
the pinyin of every character it can spell (Cantonese "wong" is 黃 huang or 王 wang); any other
token becomes its Latin "skeleton" (`data/latin_skeleton.csv`). The rules that fold Cyrillic
transliteration systems together apply only to names of Cyrillic origin (Jennifer keeps its J);
when the origin is unknown a token gets both skeletons as candidates. A Ukrainian given name also
gets its Russian form's key (Oleksandr -> Aleksandr). The first key of each token is its
representative.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal

from unidecode import unidecode

from palermo_analytics.linkage._tables import (
    CHINESE_SYSTEMS,
    chinese_given_syllables,
    chinese_surnames,
    east_slavic_given_forms,
    latin_skeleton_rules,
    romanise_cyrillic,
)

# Particles of Portuguese and Filipino surnames: "Maria da Silva" is Silva.
NAME_PARTICLES = frozenset({"da", "das", "de", "del", "dela", "do", "dos", "e", "la", "y"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT_LETTER = re.compile(r"[^a-z\s]+")
_JOINING = re.compile("[-\u2010\u2011_/.,]+")  # hyphens (ASCII and Unicode), slashes, dots
_MAX_SEGMENTS = 3
_MAX_PASSES = 6
# Nationalities whose names are written in Cyrillic (ISO 3166-1 alpha-2).
CYRILLIC_NATIONALITIES = frozenset(
    {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "MN", "MD", "BG", "RS", "MK", "ME", "BA"}
)
Origin = Literal["cyrillic", "other", "unknown"]
# Endings of East Slavic surnames and patronymics, for names whose nationality is not recorded.
_SLAVIC_ENDING = re.compile(
    r"(?:ov|ova|ev|eva|yov|enko|chuk|shyn|skiy|skii|sky|skaya|ovich|evich|ovna|evna)\b"
)


def origin_of(text: str, nationality: str) -> Origin:
    """Whether a name is of Cyrillic origin: written in Cyrillic, of a nationality that writes
    Cyrillic, or (nationality unknown) with an East Slavic surname ending: Ivanov, Shevchenko."""
    if _CYRILLIC.search(text) or nationality in CYRILLIC_NATIONALITIES:
        return "cyrillic"
    if nationality:
        return "other"
    return "cyrillic" if _SLAVIC_ENDING.search(text.lower()) else "unknown"


@cache
def _chinese_candidates() -> dict[str, tuple[str, ...]]:
    """Romanised syllable (any system) -> pinyin of each character it can spell."""
    candidates: dict[str, list[str]] = {}
    for characters in chinese_surnames() + chinese_given_syllables():
        if " " in characters.pinyin:
            continue  # two-character surnames: see _compound_surnames
        for system in CHINESE_SYSTEMS:
            keys = candidates.setdefault(characters.spellings[system], [])
            if characters.pinyin not in keys:
                keys.append(characters.pinyin)
    return {spelling: tuple(keys) for spelling, keys in candidates.items()}


@cache
def _compound_surnames() -> dict[str, tuple[str, ...]]:
    """Two-character surnames written as one word (Ouyang, Szeto) -> their pinyin syllables."""
    return {
        characters.spellings[system].replace(" ", ""): tuple(characters.pinyin.split())
        for characters in chinese_surnames()
        if " " in characters.pinyin
        for system in CHINESE_SYSTEMS
    }


@cache
def _given_syllables() -> frozenset[str]:
    return frozenset(
        characters.spellings[system]
        for characters in chinese_given_syllables()
        for system in CHINESE_SYSTEMS
        if len(characters.spellings[system]) >= 2
    )


def _segment(token: str) -> list[str] | None:
    """Split a joined Chinese given name (xiaoming) into given-name syllables of two or more
    letters, fewest pieces first; other words (nguyen) are left whole."""
    known = _given_syllables()

    @cache
    def split(rest: str, pieces_left: int) -> tuple[str, ...] | None:
        if rest in known:
            return (rest,)
        if pieces_left <= 1:
            return None
        for cut in range(len(rest) - 1, 0, -1):
            head = rest[:cut]
            if head in known and (tail := split(rest[cut:], pieces_left - 1)) is not None:
                return (head, *tail)
        return None

    pieces = split(token, _MAX_SEGMENTS) if len(token) >= 4 else None
    return list(pieces) if pieces and len(pieces) > 1 else None


@cache
def skeleton(token: str, cyrillic: bool = False) -> str:
    """`token` rewritten by the skeleton rules until nothing changes, so that transliteration
    variants meet and a skeleton's skeleton is itself."""
    for _ in range(_MAX_PASSES):
        before = token
        for pattern, replacement in latin_skeleton_rules(cyrillic):
            token = pattern.sub(replacement, token)
        if token == before:
            break
    return token


@cache
def _russian_forms() -> dict[str, str]:
    """Cyrillic skeleton of a Ukrainian given name -> the skeleton of its Russian form."""
    return {
        skeleton(ukrainian, True): skeleton(russian, True)
        for ukrainian, russian in east_slavic_given_forms().items()
    }


def _word_keys(token: str, origin: Origin) -> tuple[str, ...]:
    latin, cyrillic = skeleton(token), skeleton(token, True)
    cyrillic = _russian_forms().get(cyrillic, cyrillic)
    if origin == "cyrillic":
        return (cyrillic,)
    if origin == "other" or cyrillic == latin:
        return (latin,)
    return (latin, cyrillic)


@cache
def token_keys(token: str, origin: Origin = "unknown") -> tuple[tuple[str, ...], ...]:
    """The keys of one token: one tuple of candidate keys per syllable or word in it."""
    known = _chinese_candidates()
    if origin != "cyrillic":
        if token in known:
            return (known[token],)
        if token in _compound_surnames():
            return tuple((syllable,) for syllable in _compound_surnames()[token])
        pieces = _segment(token)
        if pieces is not None:
            return tuple(known[piece] for piece in pieces)
    return (_word_keys(token, origin),)


@cache
def name_tokens(text: str) -> tuple[str, ...]:
    """Lower-case ASCII words of a name, Cyrillic romanised, particles dropped."""
    text = unicodedata.normalize("NFKC", text)
    if _CYRILLIC.search(text):
        text = romanise_cyrillic(text)
    text = _JOINING.sub(" ", unidecode(text).lower())
    words = _NOT_LETTER.sub("", text).split()
    return tuple(word for word in words if word not in NAME_PARTICLES)


@cache
def name_keys(text: str, origin: Origin | None = None) -> tuple[tuple[str, ...], ...]:
    """Candidate keys for every syllable or word of a name (`origin`: see `origin_of`)."""
    origin = origin or origin_of(text, "")
    return tuple(keys for token in name_tokens(text) for keys in token_keys(token, origin))


def representative_key(keys: tuple[tuple[str, ...], ...]) -> str | None:
    """The order-independent comparison key of a name: first candidates, sorted, space-joined."""
    firsts = sorted(candidates[0] for candidates in keys)
    return " ".join(firsts) or None


def all_candidate_keys(*names: tuple[tuple[str, ...], ...]) -> list[str]:
    """Every candidate key of the given names, each once, sorted."""
    return sorted({key for keys in names for candidates in keys for key in candidates})
