"""The measures the built-in figures count. Each names the date that places a record in a
period, what is counted, and the path from its records to each entity a dimension is about."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from palermo.justice.models import CourtDecision, CriminalCase, Suspect
from palermo.justice.models.court import Charge, Outcome
from palermo.registry.models import VictimCase
from palermo.reporting.definitions import Context, Measure
from palermo.screening.models import Screening, ScreeningStatus

VICTIM_PATHS = {"victim_case": "", "person": "person__", "agency": "owning_agency__"}


def victim_cases(_context: Context) -> QuerySet[VictimCase]:
    return VictimCase.objects.all()


def suspects(_context: Context) -> QuerySet[Suspect]:
    return Suspect.objects.all()


def trafficking_charges(context: Context) -> QuerySet[Charge]:
    return Charge.objects.exclude(provision__code__in=context.lesser_offences())


def all_charges(_context: Context) -> QuerySet[Charge]:
    return Charge.objects.all()


def trafficking_decisions(context: Context) -> QuerySet[CourtDecision]:
    """Final decisions on charges under a trafficking provision (not a lesser offence)."""
    final = CourtDecision.objects.filter(is_final=True)
    return final.exclude(charge__provision__code__in=context.lesser_offences())


def final_decisions(_context: Context) -> QuerySet[CourtDecision]:
    return CourtDecision.objects.filter(is_final=True)


PRESUMED = Measure(
    "presumed",
    _("victims presumed"),
    victim_cases,
    date="reflection_period_start",
    reference="reference",
    paths=VICTIM_PATHS,
    counted="person",
)
IDENTIFIED = Measure(
    "identified",
    _("victims formally identified"),
    victim_cases,
    date="identified_on",
    reference="reference",
    paths=VICTIM_PATHS,
    counted="person",
)
REFERRED = Measure(
    "referred",
    _("persons referred into the mechanism"),
    victim_cases,
    date="opened_at",
    date_is_datetime=True,
    reference="reference",
    paths=VICTIM_PATHS,
    counted="person",
)
INVESTIGATIONS = Measure(
    "investigations",
    _("investigations opened"),
    lambda _c: CriminalCase.objects.all(),
    date="reported_on",
    reference="reference",
    paths={"criminal_case": ""},
)
SUSPECTED = Measure(
    "suspected",
    _("persons suspected"),
    suspects,
    date="case__reported_on",
    reference="case__reference",
    paths={"person": "person__", "criminal_case": "case__"},
    counted="person",
)
ARRESTED = Measure(
    "arrested",
    _("persons arrested"),
    suspects,
    date="arrested_on",
    reference="case__reference",
    paths={"person": "person__", "criminal_case": "case__"},
    counted="person",
)
CHARGE_PATHS = {
    "person": "suspect__person__",
    "criminal_case": "case__",
    "charge": "",
    "provision": "provision__",
}
PROSECUTED = Measure(
    "prosecuted",
    _("persons prosecuted"),
    trafficking_charges,
    date="filed_on",
    reference="case__reference",
    paths=CHARGE_PATHS,
    counted="suspect__person",
)
DECISION_PATHS = {
    "person": "charge__suspect__person__",
    "criminal_case": "charge__case__",
    "charge": "charge__",
}


CONVICTED = Measure(
    "convicted",
    _("persons convicted"),
    trafficking_decisions,
    date="decided_on",
    condition=Q(outcome=Outcome.CONVICTED),
    reference="charge__case__reference",
    paths=DECISION_PATHS,
    counted="charge__suspect__person",
)
ACQUITTED = Measure(
    "acquitted",
    _("persons acquitted"),
    trafficking_decisions,
    date="decided_on",
    condition=Q(outcome=Outcome.ACQUITTED),
    reference="charge__case__reference",
    paths=DECISION_PATHS,
    counted="charge__suspect__person",
)
PROSECUTED_ANY = Measure(
    "prosecuted",
    _("persons prosecuted"),
    all_charges,
    date="filed_on",
    reference="case__reference",
    paths=CHARGE_PATHS,
    counted="suspect__person",
)
CONVICTED_ANY = Measure(
    "convicted",
    _("persons convicted"),
    final_decisions,
    date="decided_on",
    condition=Q(outcome=Outcome.CONVICTED),
    reference="charge__case__reference",
    paths=DECISION_PATHS,
    counted="charge__suspect__person",
)
SCREENINGS = Measure(
    "screenings",
    _("screenings completed"),
    lambda _c: Screening.objects.filter(status=ScreeningStatus.COMPLETED),
    date="completed_at",
    date_is_datetime=True,
    reference="reference",
    paths={"screening": "", "agency": "agency__"},
)
