"""Indicators' targets and actuals per period, and the plan's progress report for one period.

Plain data (dataclasses) so the page, the spreadsheet and the PDF are built from the same rows.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from palermo.coordination import bound_figures
from palermo.coordination.models import Indicator, Measure, ProgressReport, Standing
from palermo.coordination.periods import Period, parse_period, recent_quarters


def actual_for(indicator: Indicator, period: Period) -> Decimal | None:
    """A bound indicator's actual is computed; a hand one's is what its owner reported."""
    if indicator.is_bound() and indicator.figure in bound_figures.FIGURES:
        return Decimal(bound_figures.compute(indicator.figure, period.start, period.end))
    value = indicator.values.filter(period=period.code).first()
    return value.actual if value else None


def target_for(indicator: Indicator, period: Period) -> Decimal:
    value = indicator.values.filter(period=period.code).exclude(target=None).first()
    return value.target if value and value.target is not None else indicator.target


@dataclass
class IndicatorRow:
    name: str
    unit: str
    bound: bool
    baseline: Decimal
    target: Decimal
    # (period code, target, actual) newest first
    periods: list[tuple[str, Decimal, Decimal | None]] = field(default_factory=list)


def indicator_rows(measure: Measure, count: int = 4) -> list[IndicatorRow]:
    periods = recent_quarters(timezone.localdate(), count)
    return [
        IndicatorRow(
            indicator.name,
            indicator.unit,
            indicator.is_bound(),
            indicator.baseline,
            indicator.target,
            [(p.code, target_for(indicator, p), actual_for(indicator, p)) for p in periods],
        )
        for indicator in measure.indicators.all()
    ]


@dataclass
class MeasureLine:
    code: str
    reference: str
    pillar: str
    objective: str
    lead_agency: str
    deadline: date
    standing: str
    progress: str
    narrative: str
    late_reason: str
    budget_allocated: Decimal
    budget_spent: Decimal
    indicators: list[tuple[str, Decimal, Decimal | None]]  # (name, target, actual)


@dataclass
class PlanReport:
    period: Period
    lines: list[MeasureLine]

    def count(self, standing: str) -> int:
        return sum(1 for line in self.lines if line.standing == standing)

    @property
    def counts(self) -> dict[str, int]:
        return {standing: self.count(standing) for standing in Standing.values}


def plan_report(measures: QuerySet[Measure], period_code: str) -> PlanReport:
    """Where each measure stood at the end of the period, and what its owner reported for it."""
    period = parse_period(period_code)
    as_of = min(period.end, timezone.localdate())
    lines = []
    for measure in measures.select_related("lead_agency").prefetch_related("indicators"):
        report: ProgressReport | None = measure.progress.filter(period=period.code).first()
        lines.append(
            MeasureLine(
                code=measure.code,
                reference=measure.reference,
                pillar=measure.get_pillar_display(),
                objective=measure.objective,
                lead_agency=measure.lead_agency.local_name,
                deadline=measure.deadline,
                standing=measure.standing_on(as_of),
                progress=report.get_status_display() if report else "",
                narrative=report.narrative if report else "",
                late_reason=report.late_reason if report else "",
                budget_allocated=measure.budget_allocated,
                budget_spent=measure.budget_spent,
                indicators=[
                    (i.name, target_for(i, period), actual_for(i, period))
                    for i in measure.indicators.all()
                ],
            )
        )
    return PlanReport(period, lines)
