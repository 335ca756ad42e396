"""Screening with the ILO / European Commission operational indicators of trafficking (2009).

The four lists (adults / children x labour / sexual exploitation) live as data in
``indicators/ilo_2009.yaml``; this module loads them lazily (nothing is read at import time) and
scores a screening. Beyond PyYAML and the standard library it imports only the outcome
vocabulary (``outcomes.ScreeningOutcome``, whose labels come from the message catalogue), which
needs no Django settings, so the web app, the CLI and the analytics can all use it.

Answers are keyed by :attr:`Indicator.key`, ``"<dimension>.<indicator code>"`` (for example
``"coercion_at_destination.debt_bondage"``): several indicators, such as debt bondage, appear both
at recruitment and at destination, and those are two observations, not one.

Scoring, as the publication defines it:

* Only indicators answered ``observed`` count; ``not_observed`` and ``unknown`` never do.
* A dimension is *present* with at least two strong indicators, or one strong and at least one
  medium or weak, or at least three medium, or two medium and at least one weak. So one strong
  alone, two medium, one medium and any number of weak, or weak alone are not enough.
* An adult is a *presumed victim* when a recruitment dimension is present (deceptive, coercive,
  or by abuse of vulnerability) AND exploitation is present AND a destination means dimension is
  present (coercion at destination, or abuse of vulnerability at destination).
* A child is a *presumed victim* when a recruitment dimension is present AND exploitation is
  present. Our reading (the publication's own sentence on children could not be read when this
  was written): under Article 3(c) of the Palermo Protocol the *means* are not required for a
  child, so the two destination means dimensions are not required. A recruitment dimension still
  is, because the lists have no separate dimension for the *act* (recruitment, transport,
  transfer, harbouring, receipt): a recruitment dimension is the only evidence of it they give.

Outcomes:

* ``presumed_victim`` ("presumed victim — refer") by the rules above;
* ``further_assessment`` ("indicators present — further assessment") when it is not a presumed
  victim but at least one dimension is present, or at least one strong indicator is observed
  (in any dimension, even one that is not present);
* ``not_indicated`` otherwise.

Indicators support an assessment; formal identification stays a human decision by the
competent authority. Check :attr:`IndicatorList.verification` before relying on a list: the two
sexual-exploitation lists are provisional (see the provenance notes in the YAML).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

import yaml

from palermo.screening.outcomes import ScreeningOutcome

LANGUAGES = ("en", "zh-Hant", "pt")
_DATA_PACKAGE = "palermo.screening.indicators"
_DATA_FILE = "ilo_2009.yaml"


class Strength(StrEnum):
    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


class Answer(StrEnum):
    OBSERVED = "observed"
    NOT_OBSERVED = "not_observed"
    UNKNOWN = "unknown"


class Verification(StrEnum):
    """How far a list was checked against the publication (its `provenance.verification`)."""

    PUBLICATION = "publication"  # entered from the publication and checked against it
    SECONDARY_SOURCE = "secondary_source"  # from a reproduction of the publication
    PROVISIONAL = "provisional"  # partly inferred: must be checked before a result is relied on


class AgeGroup(StrEnum):
    ADULT = "adult"
    CHILD = "child"


class DimensionCode(StrEnum):
    """The six dimensions, in the publication's order."""

    DECEPTIVE_RECRUITMENT = "deceptive_recruitment"
    COERCIVE_RECRUITMENT = "coercive_recruitment"
    ABUSIVE_RECRUITMENT = "abusive_recruitment"
    EXPLOITATION = "exploitation"
    COERCION_AT_DESTINATION = "coercion_at_destination"
    ABUSE_AT_DESTINATION = "abuse_at_destination"


RECRUITMENT_DIMENSIONS = frozenset(
    {
        DimensionCode.DECEPTIVE_RECRUITMENT,
        DimensionCode.COERCIVE_RECRUITMENT,
        DimensionCode.ABUSIVE_RECRUITMENT,
    }
)
DESTINATION_MEANS_DIMENSIONS = frozenset(
    {DimensionCode.COERCION_AT_DESTINATION, DimensionCode.ABUSE_AT_DESTINATION}
)


class IndicatorDataError(ValueError):
    """The packaged indicator data is inconsistent; the message lists every problem."""


# --- The lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    en: str
    zh_hant: str
    pt: str

    def in_language(self, language: str) -> str:
        """The label for a language code such as ``zh-Hant``, ``pt`` or ``pt-PT``; else English."""
        language = language.lower()
        if language.startswith("zh"):
            return self.zh_hant
        if language.startswith("pt"):
            return self.pt
        return self.en


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: DimensionCode
    strength: Strength
    label: Label

    @property
    def key(self) -> str:
        """The answer key: one indicator may be asked in two dimensions, and is answered twice."""
        return f"{self.dimension}.{self.code}"


@dataclass(frozen=True)
class Dimension:
    code: DimensionCode
    label: Label
    indicators: tuple[Indicator, ...]

    def indicators_of_strength(self, strength: Strength) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.strength is strength)


@dataclass(frozen=True)
class IndicatorList:
    code: str
    label: Label
    age_group: AgeGroup
    form_of_exploitation: str
    verification: Verification
    dimensions: tuple[Dimension, ...]

    def dimension(self, code: DimensionCode | str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    @property
    def indicator_keys(self) -> frozenset[str]:
        return frozenset(i.key for i in self.indicators)


@dataclass(frozen=True)
class Source:
    title: str
    authors: str
    first_published: str
    revised: str
    url: str


@dataclass(frozen=True)
class _Catalogue:
    source: Source
    lists: tuple[IndicatorList, ...]
    strength_labels: tuple[tuple[Strength, Label], ...]


def indicator_lists() -> tuple[IndicatorList, ...]:
    return _catalogue().lists


def indicator_list(code: str) -> IndicatorList:
    for candidate in indicator_lists():
        if candidate.code == code:
            return candidate
    known = ", ".join(c.code for c in indicator_lists())
    raise ValueError(f"unknown indicator list {code!r}; known lists: {known}")


def source() -> Source:
    return _catalogue().source


def strength_label(strength: Strength) -> Label:
    return dict(_catalogue().strength_labels)[strength]


# --- Scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionFinding:
    """One dimension of a screening: whether it is present, and the observed indicators in it."""

    dimension: DimensionCode
    present: bool
    observed: tuple[Indicator, ...]


@dataclass(frozen=True)
class Assessment:
    list_code: str
    age_group: AgeGroup
    outcome: ScreeningOutcome
    findings: tuple[DimensionFinding, ...]

    def finding(self, dimension: DimensionCode | str) -> DimensionFinding:
        return next(f for f in self.findings if f.dimension == dimension)

    @property
    def present_dimensions(self) -> tuple[DimensionCode, ...]:
        return tuple(f.dimension for f in self.findings if f.present)

    @property
    def reasons(self) -> dict[DimensionCode, tuple[Indicator, ...]]:
        """Why: each present dimension, with the observed indicators that made it present."""
        return {f.dimension: f.observed for f in self.findings if f.present}

    @property
    def strong_indicators_observed(self) -> tuple[Indicator, ...]:
        return tuple(i for f in self.findings for i in f.observed if i.strength is Strength.STRONG)


def dimension_is_present(observed_strengths: Iterable[Strength]) -> bool:
    counts = Counter(observed_strengths)
    strong, medium, weak = counts[Strength.STRONG], counts[Strength.MEDIUM], counts[Strength.WEAK]
    return (
        strong >= 2
        or (strong == 1 and medium + weak >= 1)
        or medium >= 3
        or (medium == 2 and weak >= 1)
    )


def assess(list_code: str, answers: Mapping[str, Answer | str]) -> Assessment:
    """Score a screening: ``answers`` maps :attr:`Indicator.key` to an answer; missing = unknown."""
    indicators = indicator_list(list_code)
    observed = _observed_keys(indicators, answers)
    findings = tuple(_find(dimension, observed) for dimension in indicators.dimensions)
    return Assessment(
        list_code=indicators.code,
        age_group=indicators.age_group,
        outcome=_outcome(indicators.age_group, findings),
        findings=findings,
    )


def _observed_keys(
    indicators: IndicatorList, answers: Mapping[str, Answer | str]
) -> frozenset[str]:
    unknown = sorted(set(answers) - indicators.indicator_keys)
    if unknown:
        raise ValueError(
            f"unknown indicator {unknown[0]!r} for list {indicators.code!r}"
            + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else "")
        )
    return frozenset(key for key, answer in answers.items() if Answer(answer) is Answer.OBSERVED)


def _find(dimension: Dimension, observed: frozenset[str]) -> DimensionFinding:
    seen = tuple(i for i in dimension.indicators if i.key in observed)
    return DimensionFinding(
        dimension=dimension.code,
        present=dimension_is_present(i.strength for i in seen),
        observed=seen,
    )


def _outcome(age_group: AgeGroup, findings: tuple[DimensionFinding, ...]) -> ScreeningOutcome:
    present = frozenset(f.dimension for f in findings if f.present)
    if _is_presumed_victim(age_group, present):
        return ScreeningOutcome.PRESUMED_VICTIM
    any_strong = any(i.strength is Strength.STRONG for f in findings for i in f.observed)
    if present or any_strong:
        return ScreeningOutcome.FURTHER_ASSESSMENT
    return ScreeningOutcome.NOT_INDICATED


def _is_presumed_victim(age_group: AgeGroup, present: frozenset[DimensionCode]) -> bool:
    recruited = bool(present & RECRUITMENT_DIMENSIONS)
    exploited = DimensionCode.EXPLOITATION in present
    if age_group is AgeGroup.CHILD:
        # The means are not required for a child (Palermo Protocol, Article 3(c)).
        return recruited and exploited
    return recruited and exploited and bool(present & DESTINATION_MEANS_DIMENSIONS)


# --- Loading -----------------------------------------------------------------------------------


def read_indicator_data() -> dict[str, Any]:
    """The packaged YAML, parsed afresh (callers may change it, e.g. to test the validator)."""
    text = resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise IndicatorDataError(f"{_DATA_FILE} must hold a mapping at the top level")
    return data


def validate_lists() -> list[str]:
    """Every problem in the packaged lists, as sentences; an empty list means they are sound."""
    return find_problems(read_indicator_data())


@functools.cache
def _catalogue() -> _Catalogue:
    data = read_indicator_data()
    problems = find_problems(data)
    if problems:
        raise IndicatorDataError("; ".join(problems))
    return _build_catalogue(data)


def _build_catalogue(data: Mapping[str, Any]) -> _Catalogue:
    src = data["source"]
    return _Catalogue(
        source=Source(
            title=" ".join(str(src["title"]).split()),
            authors=str(src["authors"]),
            first_published=str(src["first_published"]),
            revised=str(src["revised"]),
            url=str(src["url"]),
        ),
        lists=tuple(_build_list(code, raw, data) for code, raw in data["lists"].items()),
        strength_labels=tuple((s, _label(data["strengths"][s.value])) for s in Strength),
    )


def _build_list(code: str, raw: Mapping[str, Any], data: Mapping[str, Any]) -> IndicatorList:
    return IndicatorList(
        code=code,
        label=_label(raw["label"]),
        age_group=AgeGroup(raw["age_group"]),
        form_of_exploitation=str(raw["form_of_exploitation"]),
        verification=Verification(raw["provenance"]["verification"]),
        dimensions=tuple(
            _build_dimension(d, raw["dimensions"][d.value], data) for d in DimensionCode
        ),
    )


def _build_dimension(
    code: DimensionCode, by_strength: Mapping[str, list[str]], data: Mapping[str, Any]
) -> Dimension:
    indicators = tuple(
        Indicator(
            code=indicator,
            dimension=code,
            strength=strength,
            label=_label(data["indicators"][indicator]),
        )
        for strength in Strength
        for indicator in by_strength.get(strength.value) or ()
    )
    return Dimension(code=code, label=_label(data["dimensions"][code.value]), indicators=indicators)


def _label(raw: Mapping[str, str]) -> Label:
    return Label(en=raw["en"], zh_hant=raw["zh-Hant"], pt=raw["pt"])


# --- Validation --------------------------------------------------------------------------------
# Checks the raw data rather than the built objects, so that mistakes the loader would silently
# absorb (an indicator under two strengths, a misspelt strength) are reported.

_SECTIONS = ("source", "strengths", "dimensions", "indicators", "lists")


def find_problems(data: Mapping[str, Any]) -> list[str]:
    missing = [s for s in _SECTIONS if not isinstance(data.get(s), dict)]
    if missing:
        return [f"missing section {s!r}" for s in missing]
    return [
        *_source_problems(data["source"]),
        *_label_set_problems("strength", data["strengths"], {s.value for s in Strength}),
        *_label_set_problems("dimension", data["dimensions"], {d.value for d in DimensionCode}),
        *_label_set_problems("indicator", data["indicators"], None),
        *_lists_problems(data["lists"], data["indicators"]),
    ]


def _source_problems(src: Mapping[str, Any]) -> list[str]:
    required = ("title", "authors", "first_published", "revised", "url")
    return [f"source has no {key!r}" for key in required if not src.get(key)]


def _label_set_problems(
    kind: str, labels: Mapping[str, Any], expected: set[str] | None
) -> list[str]:
    problems = [] if expected is None else _key_problems(kind, set(labels), expected)
    for code, label in labels.items():
        problems += _language_problems(f"{kind} {code!r}", label)
    return problems


def _key_problems(kind: str, actual: set[str], expected: set[str]) -> list[str]:
    return [f"{kind} {c!r} is missing" for c in sorted(expected - actual)] + [
        f"{kind} {c!r} is not one of {sorted(expected)}" for c in sorted(actual - expected)
    ]


def _language_problems(what: str, label: object) -> list[str]:
    if not isinstance(label, dict):
        return [f"{what} has no labels"]
    return [
        f"{what} has no {language!r} label"
        for language in LANGUAGES
        if not isinstance(label.get(language), str) or not label[language].strip()
    ]


def _lists_problems(lists: Mapping[str, Any], catalogue: Mapping[str, Any]) -> list[str]:
    if not lists:
        return ["no indicator lists"]
    problems: list[str] = []
    used: set[str] = set()
    for code, raw in lists.items():
        problems += _list_problems(code, raw, catalogue, used)
    problems += [f"indicator {c!r} is in no list" for c in sorted(set(catalogue) - used)]
    return problems


def _list_problems(code: str, raw: Any, catalogue: Mapping[str, Any], used: set[str]) -> list[str]:
    if not isinstance(raw, dict):
        return [f"list {code!r} is not a mapping"]
    problems = _language_problems(f"list {code!r}", raw.get("label"))
    if raw.get("age_group") not in {a.value for a in AgeGroup}:
        problems.append(f"list {code!r} has age_group {raw.get('age_group')!r}")
    if not raw.get("form_of_exploitation"):
        problems.append(f"list {code!r} has no form_of_exploitation")
    if not isinstance(raw.get("provenance"), dict) or not raw["provenance"].get("verification"):
        problems.append(f"list {code!r} has no provenance.verification")
    elif raw["provenance"]["verification"] not in {v.value for v in Verification}:
        problems.append(
            f"list {code!r} has verification {raw['provenance']['verification']!r}, not one of "
            + ", ".join(v.value for v in Verification)
        )
    dimensions = raw.get("dimensions")
    if not isinstance(dimensions, dict):
        return [*problems, f"list {code!r} has no dimensions"]
    problems += _key_problems(
        f"list {code!r} dimension", set(dimensions), {d.value for d in DimensionCode}
    )
    for dimension, by_strength in dimensions.items():
        where = f"list {code!r} dimension {dimension!r}"
        problems += _dimension_problems(where, by_strength, catalogue, used)
    return problems


def _dimension_problems(
    where: str, by_strength: Any, catalogue: Mapping[str, Any], used: set[str]
) -> list[str]:
    if not isinstance(by_strength, dict):
        return [f"{where} is not a mapping of strengths"]
    problems = [
        f"{where} has strength {s!r}, not strong, medium or weak"
        for s in by_strength
        if s not in {v.value for v in Strength}
    ]
    codes = [c for group in by_strength.values() for c in group or ()]
    if not codes:
        problems.append(f"{where} has no indicators")
    counts = Counter(codes)
    problems += [f"{where} lists {c!r} {n} times" for c, n in counts.items() if n > 1]
    problems += [f"{where} names unknown indicator {c!r}" for c in counts if c not in catalogue]
    used.update(counts)
    return problems
