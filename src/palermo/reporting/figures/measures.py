"""The measures the built-in figures count. Each names the date that places a record in a
period, what is counted, and the path from its records to each entity a dimension is about."""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from palermo.justice.models import CourtDecision, CriminalCase, Suspect
from palermo.justice.models.court import Charge, Outcome
from palermo.registry.models import VictimCase
from palermo.reporting.definitions import Context, Measure
from palermo.screening.models import Screening, ScreeningStatus

VICTIM_PATHS = {"victim_case": "", "person": "person__", "agency": "owning_agency__"}


def _trafficking_charges(context: Context) -> Q:
    return ~Q(provision__code__in=context.lesser_offences())


PRESUMED = Measure(
    "presumed",
    _("victims presumed"),
    lambda _c: VictimCase.objects.all(),
    date="reflection_period_start",
    reference="reference",
    paths=VICTIM_PATHS,
    counted="person",
)
IDENTIFIED = Measure(
    "identified",
    _("victims formally identified"),
    lambda _c: VictimCase.objects.all(),
    date="identified_on",
    reference="reference",
    paths=VICTIM_PATHS,
    counted="person",
)
REFERRED = Measure(
    "referred",
    _("persons referred into the mechanism"),
    lambda _c: VictimCase.objects.all(),
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
    lambda _c: Suspect.objects.all(),
    date="case__reported_on",
    reference="case__reference",
    paths={"person": "person__", "criminal_case": "case__"},
    counted="person",
)
ARRESTED = Measure(
    "arrested",
    _("persons arrested"),
    lambda _c: Suspect.objects.all(),
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
    lambda c: Charge.objects.filter(_trafficking_charges(c)),
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


def _decided(
    outcome: str, lesser_too: bool = False
) -> Callable[[Context], QuerySet[CourtDecision]]:
    def records(context: Context) -> QuerySet[CourtDecision]:
        decisions = CourtDecision.objects.filter(is_final=True, outcome=outcome)
        if lesser_too:
            return decisions
        return decisions.exclude(charge__provision__code__in=context.lesser_offences())

    return records


CONVICTED = Measure(
    "convicted",
    _("persons convicted"),
    _decided(Outcome.CONVICTED),
    date="decided_on",
    reference="charge__case__reference",
    paths=DECISION_PATHS,
    counted="charge__suspect__person",
)
ACQUITTED = Measure(
    "acquitted",
    _("persons acquitted"),
    _decided(Outcome.ACQUITTED),
    date="decided_on",
    reference="charge__case__reference",
    paths=DECISION_PATHS,
    counted="charge__suspect__person",
)
PROSECUTED_ANY = Measure(
    "prosecuted",
    _("persons prosecuted"),
    lambda _c: Charge.objects.all(),
    date="filed_on",
    reference="case__reference",
    paths=CHARGE_PATHS,
    counted="suspect__person",
)
CONVICTED_ANY = Measure(
    "convicted",
    _("persons convicted"),
    _decided(Outcome.CONVICTED, lesser_too=True),
    date="decided_on",
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
