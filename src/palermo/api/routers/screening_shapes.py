"""Screenings and indicator lists as JSON, with labels in the caller's language.

Screenings are named by reference and hold no personal details; the person and case a screening
led to are named by reference only.
"""

from typing import Any

from palermo.api.serialise import when
from palermo.screening import ilo
from palermo.screening.display import indicator_detail, language, result
from palermo.screening.models import Screening, ScreeningStatus


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


def screening_summary(screening: Screening) -> dict[str, Any]:
    return {
        "reference": screening.reference,
        "indicator_list": screening.indicator_list,
        "status": screening.status,
        "outcome": screening.outcome or None,
        "started_at": screening.started_at.isoformat(),
        "completed_at": when(screening.completed_at),
        "victim_case": screening.victim_case.reference if screening.victim_case else None,
    }


def screening_detail(screening: Screening) -> dict[str, Any]:
    """What the screening's page shows: the answers so far, and once finished the result."""
    completed = screening.status == ScreeningStatus.COMPLETED
    return {
        **screening_summary(screening),
        "verification": ilo.indicator_list(screening.indicator_list).verification.value,
        "answers": screening.answers,
        "indicator_notes": screening.indicator_notes,
        "follows": screening.follows.reference if screening.follows else None,
        "result": result(screening) if completed else None,
    }
