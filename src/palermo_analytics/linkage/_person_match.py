"""One person against another, as a case worker would weigh them: for the duplicate warning.

The batch linkage compares whole lists with Splink; when one person is about to be recorded the
product compares them with a handful of candidates instead. Both use the same name keys
(romanisation, diacritics, Chinese syllables, Cyrillic transliteration folded together), so
"Vũ Phạm" and "Pham Vu" have the same tokens, and "Thi Lan Nguyen" the same as "Nguyen Thi Lan".

`name_token_keys` and `name_sound_keys` are what the product hashes into its blind index: a
person is found by the keys they share with the new one, without decrypting anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jellyfish

from palermo_analytics.linkage._names import name_keys, origin_of

# A score at or above this is shown as a likely match. Names that agree token for token with an
# agreeing sex and birth year reach about 1.0; the same name with another sex or a birth year ten
# years apart falls below it.
LIKELY_MATCH = 0.75
# How far an age given in the interview may miss the real year of birth: people often do not
# know their age, and an age alone says the year only to within one.
_YEAR_TOLERANCE = 2
_WEIGHTS = {"name": 0.6, "birth_year": 0.2, "sex": 0.1, "nationality": 0.1}
# Two tokens this close are taken as one spelled two ways (Jaro-Winkler); below, as different
# words: short tokens score high by chance ("mai" and "lan" are 0.78).
_SAME_TOKEN = 0.88
# However well the rest agrees, names this far apart are not a likely match: sex, year and
# nationality are shared by thousands.
_LEAST_NAME_AGREEMENT = 0.8


def name_token_keys(name: str, nationality: str = "") -> frozenset[str]:
    """Every candidate key of every token of a name ("Nguyễn Thị" -> {"nguien", "ti"})."""
    keys = name_keys(name, origin_of(name, nationality.upper()))
    return frozenset(key for candidates in keys for key in candidates if key)


def name_sound_keys(name: str, nationality: str = "") -> frozenset[str]:
    """The Metaphone of each token key: a heard or mistyped spelling still meets."""
    sounds = (jellyfish.metaphone(key) for key in name_token_keys(name, nationality))
    return frozenset(sound for sound in sounds if sound)


@dataclass(frozen=True)
class PersonFacts:
    """What is compared: names (the full name first, then aliases) and the clear fields."""

    names: tuple[str, ...]
    sex: str = ""
    birth_year: int | None = None
    nationality: str = ""


@dataclass(frozen=True)
class MatchScore:
    score: float
    # Which facts agree and which disagree, by name ("name", "sex", …): for the page to say why.
    agreeing: tuple[str, ...] = field(default_factory=tuple)
    disagreeing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY_MATCH


def birth_year_of(birth_year: int | None, estimated_age: int | None, year: int) -> int | None:
    """The year of birth, or the one an estimated age gives when it was recorded in `year`."""
    if birth_year:
        return birth_year
    if estimated_age is not None:
        return year - estimated_age
    return None


def compare_persons(new: PersonFacts, known: PersonFacts) -> MatchScore:
    """How likely two records are one person, from 0 to 1. A fact missing on either side counts
    neither way: its weight is left out of the total."""
    scores = {
        "name": _name_similarity(new, known),
        "birth_year": _year_agreement(new.birth_year, known.birth_year),
        "sex": _exact_agreement(new.sex, known.sex, unknown="unknown"),
        "nationality": _exact_agreement(new.nationality.upper(), known.nationality.upper()),
    }
    present = {name: value for name, value in scores.items() if value is not None}
    if "name" not in present:
        return MatchScore(0.0)
    weight = sum(_WEIGHTS[name] for name in present)
    total = sum(_WEIGHTS[name] * value for name, value in present.items()) / weight
    # A different sex or a birth year far off is strong evidence of two people, whatever the name.
    if present.get("sex") == 0.0 or present.get("birth_year") == 0.0:
        total = min(total, LIKELY_MATCH - 0.05)
    if present["name"] < _LEAST_NAME_AGREEMENT:
        total = min(total, LIKELY_MATCH - 0.05)
    return MatchScore(
        round(total, 3),
        agreeing=tuple(name for name, value in present.items() if value >= 0.9),
        disagreeing=tuple(name for name, value in present.items() if value < 0.5),
    )


def _name_similarity(new: PersonFacts, known: PersonFacts) -> float | None:
    """The best agreement of any of the new record's names with any of the known one's."""
    pairs = [
        _token_similarity(_tokens(a, new.nationality), _tokens(b, known.nationality))
        for a in new.names
        if a
        for b in known.names
        if b
    ]
    found = [score for score in pairs if score is not None]
    return max(found) if found else None


def _tokens(name: str, nationality: str) -> list[str]:
    keys = name_keys(name, origin_of(name, nationality.upper()))
    return [candidates[0] for candidates in keys if candidates and candidates[0]]


def _token_similarity(a: list[str], b: list[str]) -> float | None:
    """Order-free: each token of the shorter name is paired with its closest in the other
    (Jaro-Winkler, nothing when they are different words), and the agreement is their mean,
    lowered when the longer name has tokens the shorter lacks ("Lan Nguyen" against
    "Thi Lan Nguyen" agrees less than in full)."""
    if not a or not b:
        return None
    shorter, longer = sorted((a, b), key=len)
    best = [max(_token_agreement(s, t) for t in longer) for s in shorter]
    coverage = len(shorter) / len(longer)
    return sum(best) / len(best) * (0.8 + 0.2 * coverage)


def _token_agreement(a: str, b: str) -> float:
    similarity = jellyfish.jaro_winkler_similarity(a, b)
    return similarity if similarity >= _SAME_TOKEN else 0.0


def _year_agreement(a: int | None, b: int | None) -> float | None:
    if a is None or b is None:
        return None
    gap = abs(a - b)
    if gap <= _YEAR_TOLERANCE:
        return 1.0 - 0.1 * gap
    return 0.0 if gap > 2 * _YEAR_TOLERANCE else 0.4


def _exact_agreement(a: str, b: str, unknown: str = "") -> float | None:
    if not a or not b or unknown in {a, b}:
        return None
    return 1.0 if a == b else 0.0
