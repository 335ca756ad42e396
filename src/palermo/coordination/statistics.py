"""The committee's prevention work as annual-report figures (issue 10 feeding issue 9).

Declared as data for `palermo.reporting`: the report counts, drills down, hides small cells in the
public edition and exports these like its own figures. `figures.prevention_figures` reads the
same measures, so the committee's pages and the report cannot disagree.
"""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from palermo.coordination.models import (
    Campaign,
    Channel,
    Inspection,
    InspectionKind,
    InspectionScreening,
    Pillar,
    Sector,
    Tip,
    TipChannel,
    Trainees,
    Training,
)
from palermo.coordination.models import Measure as PlanMeasure
from palermo.reporting import dimensions as d
from palermo.reporting.definitions import Context, Dimension, Figure, Measure, Section, Standard
from palermo.reporting.periods import Period, PeriodKind
from palermo.screening.models import ScreeningStatus
from palermo.screening.outcomes import ScreeningOutcome


def _choices(choices: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in choices.choices]


CHANNEL = Dimension(
    "channel", _("channel"), "campaign", lambda _c: _choices(Channel), d._field("channel")
)
INSPECTION_KIND = Dimension(
    "inspection_kind",
    _("kind"),
    "inspection",
    lambda _c: _choices(InspectionKind),
    d._field("kind"),
)
SECTOR = Dimension(
    "sector", _("sector"), "inspection", lambda _c: _choices(Sector), d._field("sector")
)
PILLAR = Dimension(
    "pillar", _("pillar"), "plan_measure", lambda _c: _choices(Pillar), d._field("pillar")
)
TIP_CHANNEL = Dimension(
    "tip_channel", _("channel"), "tip", lambda _c: _choices(TipChannel), d._field("channel")
)


def _campaigns(_context: Context) -> QuerySet[Campaign]:
    return Campaign.objects.all()


def _trainings(_context: Context) -> QuerySet[Training]:
    return Training.objects.all()


def _trainees(_context: Context) -> QuerySet[Trainees]:
    return Trainees.objects.all()


def _inspections(_context: Context) -> QuerySet[Inspection]:
    return Inspection.objects.all()


def _screened_at_inspections(_context: Context) -> QuerySet[InspectionScreening]:
    # Only finished screenings count; each is placed by its inspection's date (done there).
    return InspectionScreening.objects.filter(screening__status=ScreeningStatus.COMPLETED)


def _tips(_context: Context) -> QuerySet[Tip]:
    return Tip.objects.all()


def _plan_measures(_context: Context) -> QuerySet[PlanMeasure]:
    return PlanMeasure.objects.all()


def _budget(code: str, label: Any, field: str) -> Measure:
    # A measure of the plan runs from its start to its deadline; its budget is one sum for the
    # whole span (the plan records no yearly split), so it counts in every period it runs in.
    return Measure(
        code,
        label,
        _plan_measures,
        date="starts_on",
        ends="deadline",
        reference="reference",
        paths={"plan_measure": "", "agency": "lead_agency__"},
        sum_of=field,
    )


BUDGET_ALLOCATED = _budget("budget_allocated", _("budget allocated"), "budget_allocated")
BUDGET_SPENT = _budget("budget_spent", _("budget spent"), "budget_spent")
PLAN_MEASURES_RUNNING = Measure(
    "plan_measures",
    _("measures of the plan running"),
    _plan_measures,
    date="starts_on",
    ends="deadline",
    reference="reference",
    paths={"plan_measure": "", "agency": "lead_agency__"},
)


# Campaigns and trainings are placed in a period by the day they start.
CAMPAIGNS = Measure(
    "campaigns",
    _("campaigns"),
    _campaigns,
    date="starts_on",
    reference="reference",
    paths={"campaign": "", "agency": "agency__"},
)
CAMPAIGN_REACH = Measure(
    "campaign_reach",
    _("people reached"),
    _campaigns,
    date="starts_on",
    reference="reference",
    paths={"campaign": "", "agency": "agency__"},
    sum_of="reach",
)
TRAININGS = Measure(
    "trainings",
    _("trainings"),
    _trainings,
    date="starts_on",
    reference="reference",
    paths={"agency": "agency__"},
)
TRAINEES = Measure(
    "trainees",
    _("trainees"),
    _trainees,
    date="training__starts_on",
    reference="training__reference",
    paths={"agency": "agency__"},
    sum_of="count",
)
_INSPECTION_PATHS = {"inspection": "", "agency": "agency__"}
INSPECTIONS = Measure(
    "inspections",
    _("inspections"),
    _inspections,
    date="inspected_on",
    reference="reference",
    paths=_INSPECTION_PATHS,
)
INSPECTIONS_WITH_INDICATORS = Measure(
    "inspections_with_indicators",
    _("inspections finding indicators of trafficking"),
    _inspections,
    date="inspected_on",
    reference="reference",
    paths=_INSPECTION_PATHS,
    condition=Q(indicators_found=True),
)
REFERRALS_FROM_INSPECTIONS = Measure(
    "referrals_from_inspections",
    _("referrals made at inspections"),
    _inspections,
    date="inspected_on",
    reference="reference",
    paths=_INSPECTION_PATHS,
    sum_of="referrals_made",
)
_SCREENED_PATHS = {"inspection": "inspection__", "agency": "inspection__agency__"}
SCREENINGS_AT_INSPECTIONS = Measure(
    "screenings_at_inspections",
    _("persons screened at inspections"),
    _screened_at_inspections,
    date="inspection__inspected_on",
    reference="inspection__reference",
    paths=_SCREENED_PATHS,
)
PRESUMED_AT_INSPECTIONS = Measure(
    "presumed_victims_at_inspections",
    _("presumed victims found at inspections"),
    _screened_at_inspections,
    date="inspection__inspected_on",
    reference="inspection__reference",
    paths=_SCREENED_PATHS,
    condition=Q(screening__outcome=ScreeningOutcome.PRESUMED_VICTIM),
)
TIPS = Measure(
    "tips",
    _("tips received"),
    _tips,
    date="received_at",
    reference="reference",
    paths={"tip": "", "agency": "forwarded_to__"},
    date_is_datetime=True,
)
TIPS_FORWARDED = Measure(
    "tips_forwarded",
    _("tips forwarded to an agency"),
    _tips,
    date="received_at",
    reference="reference",
    paths={"tip": "", "agency": "forwarded_to__"},
    date_is_datetime=True,
    condition=Q(forwarded_to__isnull=False),
)
INSPECTION_MEASURES = [
    INSPECTIONS,
    INSPECTIONS_WITH_INDICATORS,
    SCREENINGS_AT_INSPECTIONS,
    PRESUMED_AT_INSPECTIONS,
    REFERRALS_FROM_INSPECTIONS,
]

CAMPAIGNS_BY_CHANNEL = Figure(
    "campaigns_by_channel",
    Section.PREVENTION,
    _("Awareness campaigns started, by channel"),
    [CAMPAIGNS],
    columns=CHANNEL,
    standards=frozenset({Standard.TIP}),
    rule=_("Campaigns whose start date falls in the period, by their main channel."),
)
CAMPAIGN_REACH_BY_CHANNEL = Figure(
    "campaign_reach_by_channel",
    Section.PREVENTION,
    _("People reached by awareness campaigns, by channel"),
    [CAMPAIGN_REACH],
    columns=CHANNEL,
    standards=frozenset({Standard.TIP}),
    rule=_("Sum of the reach the organisers recorded for campaigns started in the period."),
    is_amount=True,
)
TRAINEES_BY_AGENCY = Figure(
    "trainees_by_agency",
    Section.PREVENTION,
    _("People trained, by their agency"),
    [TRAINEES],
    columns=d.AGENCY,
    standards=frozenset({Standard.TIP}),
    rule=_(
        "Sum of the trainees recorded for trainings started in the period, by the agency the "
        "trainees work for (not the agency that ran the training)."
    ),
)
INSPECTIONS_BY_KIND = Figure(
    "inspections_by_kind",
    Section.PREVENTION,
    _("Inspections and what they found, by kind of inspection"),
    INSPECTION_MEASURES,
    columns=INSPECTION_KIND,
    standards=frozenset({Standard.TIP}),
    rule=_(
        "Inspections dated in the period; screenings completed on the spot and their presumed "
        "victims are placed by the inspection's date; referrals are those the inspection recorded."
    ),
)
INSPECTIONS_BY_SECTOR = Figure(
    "inspections_by_sector",
    Section.PREVENTION,
    _("Inspections and what they found, by sector"),
    INSPECTION_MEASURES,
    columns=SECTOR,
    standards=frozenset({Standard.TIP}),
)
TIPS_BY_CHANNEL = Figure(
    "tips_by_channel",
    Section.PREVENTION,
    _("Hotline and community tips, by channel"),
    [TIPS, TIPS_FORWARDED],
    columns=TIP_CHANNEL,
    standards=frozenset({Standard.TIP}),
    rule=_("Tips received in the period (by UTC day) and those of them forwarded to an agency."),
)
TIPS_FORWARDED_BY_AGENCY = Figure(
    "tips_forwarded_by_agency",
    Section.PREVENTION,
    _("Tips forwarded, by the agency they were forwarded to"),
    [TIPS_FORWARDED],
    columns=d.AGENCY,
    standards=frozenset({Standard.TIP}),
)

FUNDING_BY_PILLAR = Figure(
    "funding_by_pillar",
    Section.FUNDING,
    _("The action plan's budget, allocated and spent, by pillar"),
    [BUDGET_ALLOCATED, BUDGET_SPENT],
    columns=PILLAR,
    standards=frozenset({Standard.TIP}),
    rule=_(
        "The budget allocated to and spent by the measures of the action plan that run in the "
        "period (started by its end, deadline not before its start), in whole units of currency "
        "as their lead agencies recorded them: a measure's budget is one sum for its whole span, "
        "so a measure running over several years counts in each of them."
    ),
    is_amount=True,
    is_about_no_one=True,
)
PLAN_MEASURES_BY_PILLAR = Figure(
    "plan_measures_by_pillar",
    Section.FUNDING,
    _("Measures of the action plan running, by pillar"),
    [PLAN_MEASURES_RUNNING],
    columns=PILLAR,
    standards=frozenset({Standard.TIP}),
    rule=_("Measures started by the period's end whose deadline is not before its start."),
    is_about_no_one=True,
)

FIGURES = [
    CAMPAIGNS_BY_CHANNEL,
    CAMPAIGN_REACH_BY_CHANNEL,
    TRAINEES_BY_AGENCY,
    INSPECTIONS_BY_KIND,
    INSPECTIONS_BY_SECTOR,
    TIPS_BY_CHANNEL,
    TIPS_FORWARDED_BY_AGENCY,
    FUNDING_BY_PILLAR,
    PLAN_MEASURES_BY_PILLAR,
]
TREND_MEASURES = [CAMPAIGNS, TRAINEES, INSPECTIONS, TIPS]


def context_of(start: date, end: date) -> Context:
    # The committee's own pages ask for any span of days, not only a report's year.
    return Context(Period(PeriodKind.CALENDAR, end.year, start, end))


def total(measure: Measure, start: date, end: date, only: Q | None = None) -> int:
    """The measure over [start, end] as one number, counted as the report counts it."""
    records = measure.in_period(context_of(start, end), start, end)
    if only is not None:
        records = records.filter(only)
    return round(records.aggregate(n=measure.aggregate(start=start, end=end))["n"] or 0)


def breakdown(measure: Measure, dimension: Dimension, start: date, end: date) -> dict[str, int]:
    """The measure over [start, end] by the dimension's categories (those with records only)."""
    context = context_of(start, end)
    grouped = (
        measure.in_period(context, start, end)
        .annotate(_category=measure.express(dimension, context))
        .values("_category")
        .annotate(n=measure.aggregate(start=start, end=end))
        .order_by("_category")
    )
    return {str(row["_category"]): round(row["n"] or 0) for row in grouped}
