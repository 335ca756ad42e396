"""Data quality: how much of what the figures rest on is unknown or missing."""

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.justice.models import CriminalCase
from palermo.justice.models.case import CriminalStage
from palermo.registry.models import VictimCase
from palermo.registry.models.case import Stage
from palermo.reporting.definitions import Figure, Measure, Section
from palermo.reporting.figures import measures as m

PAST_IDENTIFICATION = [Stage.IDENTIFIED, Stage.ASSISTANCE, Stage.RESIDENCE, Stage.RETURN]


def _victims(code: str, label: Promise, condition: Q) -> Measure:
    return Measure(
        code,
        label,
        m.victim_cases,
        date="reflection_period_start",
        condition=condition,
        reference="reference",
        paths={},
        counted="person",
    )


UNKNOWNS = Figure(
    "quality_unknowns",
    Section.QUALITY,
    _("Presumed victims with unknown details"),
    [
        m.PRESUMED,
        _victims("sex", _("sex unknown"), Q(person__sex="unknown")),
        _victims(
            "age",
            _("age unknown"),
            Q(person__birth_year__isnull=True, person__estimated_age__isnull=True),
        ),
        _victims("nationality", _("nationality unknown"), Q(person__nationality="")),
        _victims(
            "form",
            _("form of exploitation unknown"),
            Q(exploitation__isnull=True) | Q(exploitation__forms=[]),
        ),
    ],
    rule=_("Shares are of the presumed victims of the period."),
)

MISSING_DATES = Figure(
    "quality_missing_dates",
    Section.QUALITY,
    _("Records missing the dates their stage implies"),
    [
        Measure(
            "no_identification_date",
            _("victim cases past identification without its date"),
            lambda _c: VictimCase.objects.filter(
                stage__in=PAST_IDENTIFICATION, identified_on__isnull=True
            ),
            date="opened_at",
            date_is_datetime=True,
            reference="reference",
            paths={},
        ),
        Measure(
            "no_presumption_date",
            _("victim cases past screening without a reflection period"),
            lambda _c: VictimCase.objects.filter(
                stage__in=[Stage.PRESUMED_VICTIM, *PAST_IDENTIFICATION],
                reflection_period_start__isnull=True,
            ),
            date="opened_at",
            date_is_datetime=True,
            reference="reference",
            paths={},
        ),
        Measure(
            "decided_without_decision",
            _("criminal cases decided without a court decision recorded"),
            lambda _c: CriminalCase.objects.filter(
                stage__in=[CriminalStage.DECIDED, CriminalStage.APPEAL],
                charges__decisions__isnull=True,
            ),
            date="reported_on",
            reference="reference",
            paths={},
            counted="pk",
        ),
    ],
    rule=_("Records opened or reported in the period."),
)

FIGURES = [UNKNOWNS, MISSING_DATES]
