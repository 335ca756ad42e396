"""What the screening pages show: the indicator lists and assessments in the user's language."""

from typing import Any

from django.utils.translation import get_language

from palermo.screening import ilo
from palermo.screening.models import Screening
from palermo.screening.outcomes import ScreeningOutcome


def language() -> str:
    # Django's "zh-hant" and "pt" map to the lists' zh_hant and pt labels; anything else is en.
    return get_language() or "en"


def list_summary(indicators: ilo.IndicatorList) -> dict[str, Any]:
    return {
        "code": indicators.code,
        "label": indicators.label.in_language(language()),
        "provisional": indicators.verification is ilo.Verification.PROVISIONAL,
        "secondary": indicators.verification is ilo.Verification.SECONDARY_SOURCE,
    }


def questions(screening: Screening) -> list[dict[str, Any]]:
    """Every indicator of the screening's list, grouped by dimension, with the answer so far and
    how many of each dimension's indicators have an answer (the form's progress). The first
    dimension with an indicator still unanswered is the one shown open."""
    lang = language()
    indicators = ilo.indicator_list(screening.indicator_list)
    dimensions: list[dict[str, Any]] = [
        {
            "label": dimension.label.in_language(lang),
            "indicators": [
                {
                    "key": indicator.key,
                    "label": indicator.label.in_language(lang),
                    "answer": screening.answers.get(indicator.key, ilo.Answer.UNKNOWN.value),
                    "note": screening.indicator_notes.get(indicator.key, ""),
                    "answered": indicator.key in screening.answers,
                }
                for indicator in dimension.indicators
            ],
        }
        for dimension in indicators.dimensions
    ]
    for dimension in dimensions:
        dimension["answered"] = sum(1 for i in dimension["indicators"] if i["answered"])
        dimension["total"] = len(dimension["indicators"])
    unfinished = [d for d in dimensions if d["answered"] < d["total"]]
    if unfinished:
        unfinished[0]["open"] = True
    return dimensions


def progress(dimensions: list[dict[str, Any]]) -> dict[str, int]:
    answered = sum(d["answered"] for d in dimensions)
    total = sum(d["total"] for d in dimensions)
    return {"answered": answered, "total": total}


def indicator_detail(indicator: ilo.Indicator) -> dict[str, Any]:
    lang = language()
    return {
        "key": indicator.key,
        "label": indicator.label.in_language(lang),
        "strength": indicator.strength.value,
        "strength_label": ilo.strength_label(indicator.strength).in_language(lang),
    }


def result(screening: Screening) -> dict[str, Any]:
    """The outcome and why: each dimension, whether present, and the observed indicators in it.

    Scored again from the stored answers (the result page and the API both show this); the
    outcome is the one stored when the screening was finished."""
    lang = language()
    indicators = ilo.indicator_list(screening.indicator_list)
    assessment = ilo.assess(screening.indicator_list, screening.answers)
    outcome = ScreeningOutcome(screening.outcome)
    return {
        "outcome": outcome.value,
        "outcome_label": str(outcome.label),
        "presumed_victim": outcome is ScreeningOutcome.PRESUMED_VICTIM,
        "verification": indicators.verification.value,
        "present_dimensions": [code.value for code in assessment.present_dimensions],
        "findings": [
            {
                "dimension": finding.dimension.value,
                "label": indicators.dimension(finding.dimension).label.in_language(lang),
                "present": finding.present,
                "observed": [
                    indicator_detail(i) | {"note": screening.indicator_notes.get(i.key, "")}
                    for i in finding.observed
                ],
            }
            for finding in assessment.findings
        ],
    }
