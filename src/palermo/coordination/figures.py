"""Prevention figures of a period, for the annual report (issue 9) and the coverage page.

`prevention_figures(start, end)` is the one entry point the report's figure-source registry
calls: plain numbers (and small dicts of numbers keyed by public category codes), no records, no
personal data. Dates are inclusive. Every figure is one SQL aggregate.

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

from django.db.models import Count, F, Q, QuerySet, Sum

from palermo.coordination.bound_figures import _moments, screenings_at_inspections
from palermo.coordination.models import (
    Campaign,
    Indicator,
    Inspection,
    InspectionScreening,
    Sector,
    Tip,
    Trainees,
    Training,
)
from palermo.coordination.periods import parse_period
from palermo.coordination.progress import target_for
from palermo.screening.models import ScreeningOutcome, ScreeningStatus


def _counts(queryset: QuerySet[Any], field: str, total: str = "") -> dict[str, int]:
    rows = queryset.values(field).annotate(n=Sum(total) if total else Count("pk")).order_by(field)
    return {str(row[field]): int(row["n"] or 0) for row in rows}


def campaign_figures(start: date, end: date) -> dict[str, Any]:
    """Campaigns that started in the period (R1)."""
    campaigns = Campaign.objects.filter(starts_on__range=(start, end))
    totals = campaigns.aggregate(n=Count("pk"), reach=Sum("reach"))
    return {
        "campaigns": totals["n"],
        "campaign_reach": int(totals["reach"] or 0),
        "campaigns_by_channel": _counts(campaigns, "channel"),
    }


def training_figures(start: date, end: date) -> dict[str, Any]:
    """Trainings that started in the period and their trainees by agency (R2)."""
    trainees = Trainees.objects.filter(training__starts_on__range=(start, end))
    return {
        "trainings": Training.objects.filter(starts_on__range=(start, end)).count(),
        "trainees": int(trainees.aggregate(n=Sum("count"))["n"] or 0),
        "trainees_by_agency": _counts(trainees, "agency__code", total="count"),
    }


def inspection_figures(start: date, end: date) -> dict[str, Any]:
    """Inspections, the screenings done there, ILO positives and referrals (R3)."""
    inspections = Inspection.objects.filter(inspected_on__range=(start, end))
    totals = inspections.aggregate(
        n=Count("pk"),
        with_indicators=Count("pk", filter=Q(indicators_found=True)),
        referrals=Sum("referrals_made"),
    )
    linked = InspectionScreening.objects.filter(
        inspection__in=inspections, screening__status=ScreeningStatus.COMPLETED
    )
    return {
        "inspections": totals["n"],
        "inspections_by_kind": _counts(inspections, "kind"),
        "inspections_by_sector": _counts(inspections, "sector"),
        "inspections_with_indicators": totals["with_indicators"],
        "screenings_at_inspections": linked.count(),
        "presumed_victims_at_inspections": linked.filter(
            screening__outcome=ScreeningOutcome.PRESUMED_VICTIM
        ).count(),
        "referrals_from_inspections": int(totals["referrals"] or 0),
    }


def tip_figures(start: date, end: date) -> dict[str, Any]:
    """Hotline and community signals by channel, tips forwarded, time to first action (R4)."""
    first, last = _moments(start, end)
    tips = Tip.objects.filter(received_at__gte=first, received_at__lte=last)
    waits = tips.exclude(first_action_at=None).annotate(
        wait=F("first_action_at") - F("received_at")
    )
    hours = [row.total_seconds() / 3600 for row in waits.values_list("wait", flat=True)]
    return {
        "tips": tips.count(),
        "tips_by_channel": _counts(tips, "channel"),
        "tips_forwarded": tips.exclude(forwarded_to=None).count(),
        "tips_forwarded_by_agency": _counts(tips.exclude(forwarded_to=None), "forwarded_to__code"),
        "median_hours_to_first_action": round(median(hours), 1) if hours else None,
    }


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
