"""Figures the platform computes that a plan indicator can be bound to, so its actuals fill
themselves. Each is a function of a period (start and end dates, inclusive) computed with one SQL
aggregate; those the annual report also shows read its measures (`coordination.statistics`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from palermo.coordination import statistics
from palermo.coordination.models import Sector
from palermo.registry.models import Stage, StageTransition
from palermo.screening.models import Screening, ScreeningStatus
from palermo.screening.outcomes import ScreeningOutcome

Figure = Callable[[date, date], int]


@dataclass(frozen=True)
class BoundFigure:
    code: str
    label: Any
    compute: Figure


def _moments(start: date, end: date) -> tuple[datetime, datetime]:
    """Aware datetimes covering whole local days from start to end, for DateTimeFields."""
    zone = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=zone)
    after = datetime.combine(end, time.max, tzinfo=zone)
    return first, after


def _completed_screenings(start: date, end: date) -> Any:
    first, last = _moments(start, end)
    return Screening.objects.filter(
        status=ScreeningStatus.COMPLETED, completed_at__gte=first, completed_at__lte=last
    )


def screenings_at_inspections(start: date, end: date, sector: str = "") -> int:
    """Persons screened on the spot during inspections (of one sector, when given), counted as
    the annual report counts them."""
    only = Q(inspection__sector=sector) if sector else None
    return statistics.total(statistics.SCREENINGS_AT_INSPECTIONS, start, end, only)


def presumed_victims_screened(start: date, end: date) -> int:
    """Screenings whose result is a presumed victim, wherever they were done."""
    return (
        _completed_screenings(start, end).filter(outcome=ScreeningOutcome.PRESUMED_VICTIM).count()
    )


def victims_identified(start: date, end: date) -> int:
    """Victim cases formally identified in the period (a case counted once, at its first move)."""
    first, last = _moments(start, end)
    moves = StageTransition.objects.filter(to_stage=Stage.IDENTIFIED)
    earliest = moves.values("case").annotate(at=Min("at"))
    return earliest.filter(at__gte=first, at__lte=last).count()


def inspections_done(start: date, end: date) -> int:
    return statistics.total(statistics.INSPECTIONS, start, end)


def trainees_trained(start: date, end: date) -> int:
    return statistics.total(statistics.TRAINEES, start, end)


def tips_forwarded(start: date, end: date) -> int:
    return statistics.total(statistics.TIPS_FORWARDED, start, end)


def _sector_figure(sector: str) -> Figure:
    def compute(start: date, end: date) -> int:
        return screenings_at_inspections(start, end, sector)

    return compute


FIGURES: dict[str, BoundFigure] = {
    figure.code: figure
    for figure in [
        BoundFigure(
            "screenings_at_inspections",
            _("persons screened at inspections"),
            screenings_at_inspections,
        ),
        BoundFigure(
            "presumed_victims", _("presumed victims found by screening"), presumed_victims_screened
        ),
        BoundFigure("victims_identified", _("victims formally identified"), victims_identified),
        BoundFigure("inspections", _("inspections done"), inspections_done),
        BoundFigure("trainees", _("people trained"), trainees_trained),
        BoundFigure("tips_forwarded", _("tips forwarded to an agency"), tips_forwarded),
        *[
            BoundFigure(
                f"screened:{code}",
                format_lazy(_("persons screened in {sector}"), sector=label),
                _sector_figure(code),
            )
            for code, label in Sector.choices
        ],
    ]
}


def figure_choices() -> list[tuple[str, Any]]:
    return [("", _("entered by hand")), *((f.code, f.label) for f in FIGURES.values())]


def compute(code: str, start: date, end: date) -> int:
    return FIGURES[code].compute(start, end)
