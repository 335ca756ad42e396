"""Prevention figures of a period for the committee's own use (the API, the coverage page).

The counting is declared once, in `palermo.coordination.statistics`, as the annual report's
measures; `prevention_figures(start, end)` reads those same measures for any span of days, so the
committee's numbers and the report's cells agree by construction. Plain numbers (and small dicts
of numbers keyed by public category codes), no records, no personal data. Dates are inclusive;
tips are placed by their UTC day, as in the report.

    from palermo.coordination.figures import prevention_figures
    prevention_figures(date(2026, 1, 1), date(2026, 12, 31))
    {"campaigns": 4, "campaign_reach": 120000, "campaigns_by_channel": {"radio": 1, ...},
     "trainings": 6, "trainees": 210, "trainees_by_agency": {"police": 80, ...},
     "inspections": 30, "inspections_by_kind": {"labour": 20, ...},
     "inspections_with_indicators": 3, "screenings_at_inspections": 41,
     "presumed_victims_at_inspections": 2, "referrals_from_inspections": 3,
     "tips": 25, "tips_by_channel": {"web": 12, "phone": 13}, "tips_forwarded": 9,
     "median_hours_to_first_action": 5.0}
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import F, QuerySet

from palermo.coordination import statistics as s
from palermo.coordination.bound_figures import screenings_at_inspections
from palermo.coordination.models import Indicator, Sector
from palermo.coordination.periods import parse_period
from palermo.coordination.progress import target_for
from palermo.reporting import dimensions


def campaign_figures(start: date, end: date) -> dict[str, Any]:
    """Campaigns that started in the period (R1)."""
    return {
        "campaigns": s.total(s.CAMPAIGNS, start, end),
        "campaign_reach": s.total(s.CAMPAIGN_REACH, start, end),
        "campaigns_by_channel": s.breakdown(s.CAMPAIGNS, s.CHANNEL, start, end),
    }


def training_figures(start: date, end: date) -> dict[str, Any]:
    """Trainings that started in the period and their trainees by agency (R2)."""
    return {
        "trainings": s.total(s.TRAININGS, start, end),
        "trainees": s.total(s.TRAINEES, start, end),
        "trainees_by_agency": s.breakdown(s.TRAINEES, dimensions.AGENCY, start, end),
    }


def inspection_figures(start: date, end: date) -> dict[str, Any]:
    """Inspections, the screenings done there, ILO positives and referrals (R3)."""
    figures: dict[str, Any] = {
        measure.code: s.total(measure, start, end) for measure in s.INSPECTION_MEASURES
    }
    figures["inspections_by_kind"] = s.breakdown(s.INSPECTIONS, s.INSPECTION_KIND, start, end)
    figures["inspections_by_sector"] = s.breakdown(s.INSPECTIONS, s.SECTOR, start, end)
    return figures


def tip_figures(start: date, end: date) -> dict[str, Any]:
    """Hotline and community signals by channel, tips forwarded, time to first action (R4)."""
    forwarded_by = s.breakdown(s.TIPS_FORWARDED, dimensions.AGENCY, start, end)
    return {
        "tips": s.total(s.TIPS, start, end),
        "tips_by_channel": s.breakdown(s.TIPS, s.TIP_CHANNEL, start, end),
        "tips_forwarded": s.total(s.TIPS_FORWARDED, start, end),
        "tips_forwarded_by_agency": forwarded_by,
        "median_hours_to_first_action": _median_hours_to_first_action(start, end),
    }


def _median_hours_to_first_action(start: date, end: date) -> float | None:
    # Not a report figure (a median is no count), but over the same tips as the TIPS measure.
    tips = s.TIPS.in_period(s.context_of(start, end), start, end)
    waits = tips.exclude(first_action_at=None).annotate(
        wait=F("first_action_at") - F("received_at")
    )
    hours = [row.total_seconds() / 3600 for row in waits.values_list("wait", flat=True)]
    return round(median(hours), 1) if hours else None


def prevention_figures(start: date, end: date) -> dict[str, Any]:
    """All prevention figures of the period [start, end] (R1–R4 of the 3P report)."""
    return {
        **campaign_figures(start, end),
        **training_figures(start, end),
        **inspection_figures(start, end),
        **tip_figures(start, end),
    }


@dataclass
class CoverageRow:
    sector: str
    label: Any
    screened: int
    target: Decimal | None

    def share(self) -> int | None:
        """Per cent of the target reached."""
        if not self.target:
            return None
        return int(100 * self.screened / self.target)


def coverage(period_code: str, indicators: QuerySet[Indicator]) -> list[CoverageRow]:
    """Persons screened per at-risk group (the sector where they work) in the period, against
    the targets of the plan's indicators bound to that group's figure."""
    period = parse_period(period_code)
    rows = []
    for sector, label in Sector.choices:
        bound = indicators.filter(figure=f"screened:{sector}")
        targets = [target_for(indicator, period) for indicator in bound]
        rows.append(
            CoverageRow(
                sector,
                label,
                screenings_at_inspections(period.start, period.end, sector),
                sum(targets, Decimal(0)) if targets else None,
            )
        )
    return rows
