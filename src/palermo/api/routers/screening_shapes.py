"""Screenings and indicator lists as JSON, with labels in the caller's language.

Screenings are named by reference and hold no personal details; the person and case a screening
led to are named by reference only.
"""

from typing import Any

from palermo.screening import ilo
from palermo.screening.models import Screening, ScreeningStatus
from palermo.screening.views.display import language


def list_summary(indicators: ilo.IndicatorList) -> dict[str, Any]:
    # The verification is given as the page's warning is: a provisional list must be checked
    # before a result is relied on, one from a secondary source says where it came from.
    return {
        "code": indicators.code,
        "label": indicators.label.in_language(language()),
        "age_group": indicators.age_group.value,
        "form_of_exploitation": indicators.form_of_exploitation,
        "verification": indicators.verification.value,
    }


def list_detail(indicators: ilo.IndicatorList) -> dict[str, Any]:
    lang = language()
    return {
        **list_summary(indicators),
        "dimensions": [
            {
                "code": dimension.code.value,
                "label": dimension.label.in_language(lang),
                "indicators": [indicator_detail(i) for i in dimension.indicators],
            }
            for dimension in indicators.dimensions
        ],
    }


def indicator_detail(indicator: ilo.Indicator) -> dict[str, Any]:
    lang = language()
    return {
        "key": indicator.key,
        "label": indicator.label.in_language(lang),
        "strength": indicator.strength.value,
        "strength_label": ilo.strength_label(indicator.strength).in_language(lang),
    }


def screening_summary(screening: Screening) -> dict[str, Any]:
    return {
        "reference": screening.reference,
        "indicator_list": screening.indicator_list,
        "status": screening.status,
        "outcome": screening.outcome or None,
        "started_at": screening.started_at.isoformat(),
        "completed_at": screening.completed_at.isoformat() if screening.completed_at else None,
        "victim_case": screening.victim_case.reference if screening.victim_case else None,
    }


def screening_detail(screening: Screening) -> dict[str, Any]:
    """What the screening's page shows: the answers so far, and once finished the result."""
    completed = screening.status == ScreeningStatus.COMPLETED
    return {
        **screening_summary(screening),
        "verification": ilo.indicator_list(screening.indicator_list).verification.value,
        "answers": screening.answers,
        "result": result(screening) if completed else None,
    }


def result(screening: Screening) -> dict[str, Any]:
    """The outcome and why: every dimension, whether present, and the observed indicators in it.

    Scored again from the stored answers, as the page does; the stored outcome is the one given.
    """
    lang = language()
    indicators = ilo.indicator_list(screening.indicator_list)
    assessment = ilo.assess(screening.indicator_list, screening.answers)
    outcome = ilo.Outcome(screening.outcome)
    return {
        "outcome": outcome.value,
        "outcome_label": ilo.outcome_label(outcome).in_language(lang),
        "presumed_victim": outcome is ilo.Outcome.PRESUMED_VICTIM,
        "verification": indicators.verification.value,
        "present_dimensions": [code.value for code in assessment.present_dimensions],
        "findings": [
            {
                "dimension": finding.dimension.value,
                "label": indicators.dimension(finding.dimension).label.in_language(lang),
                "present": finding.present,
                "observed": [indicator_detail(i) for i in finding.observed],
            }
            for finding in assessment.findings
        ],
    }
