"""Protection: victims presumed and identified, referrals and decisions, services, residence and
return, time to decision."""

from django.utils.translation import gettext_lazy as _

from palermo.registry.models import Service, StageTransition, VictimCase
from palermo.registry.models.case import Stage
from palermo.registry.models.referral import ServiceKind
from palermo.reporting import dimensions as d
from palermo.reporting.definitions import Figure, Measure, Section, Standard
from palermo.reporting.figures import measures as m

VICTIMS_RULE = _(
    "A victim is a person whose case reached “presumed victim” (the date the reflection period "
    "starts) or “formally identified” (the identification date) in the period; a person with "
    "several cases counts once per cell."
)

PRESUMED_BY_SEX_AGE = Figure(
    "victims_presumed",
    Section.PROTECTION,
    _("Presumed victims, by sex and age"),
    [m.PRESUMED],
    rows=d.SEX,
    columns=d.AGE_GROUP,
    standards=frozenset({Standard.GLOTIP, Standard.EUROSTAT, Standard.TIP}),
    rule=VICTIMS_RULE,
)
IDENTIFIED_BY_SEX_AGE = Figure(
    "victims_identified",
    Section.PROTECTION,
    _("Formally identified victims, by sex and age"),
    [m.IDENTIFIED],
    rows=d.SEX,
    columns=d.AGE_GROUP,
    standards=frozenset({Standard.GLOTIP, Standard.EUROSTAT, Standard.TIP}),
    rule=VICTIMS_RULE,
)
VICTIMS_BY_FORM = Figure(
    "victims_by_form",
    Section.PROTECTION,
    _("Victims by form of exploitation"),
    [m.PRESUMED, m.IDENTIFIED],
    columns=d.FORM,
    standards=frozenset({Standard.GLOTIP, Standard.EUROSTAT, Standard.TIP}),
    rule=_("A case recording more than one of sexual, labour and other forms counts as several."),
)
VICTIMS_BY_CITIZENSHIP = Figure(
    "victims_by_citizenship",
    Section.PROTECTION,
    _("Victims by citizenship"),
    [m.PRESUMED, m.IDENTIFIED],
    columns=d.CITIZENSHIP,
    standards=frozenset({Standard.GLOTIP, Standard.EUROSTAT}),
    rule=_("Citizenship groups come from the jurisdiction pack."),
)
REFERRALS = Figure(
    "referrals",
    Section.PROTECTION,
    _("Persons referred, by first responder and decision"),
    [m.REFERRED],
    rows=d.AGENCY_KIND,
    columns=d.DECISION,
    standards=frozenset({Standard.TIP}),
    rule=_(
        "Cases opened in the period, by the kind of agency that opened them, and where the "
        "identification decision stands today."
    ),
)
SERVICES = Figure(
    "services",
    Section.PROTECTION,
    _("Victims assisted, by service and provider"),
    [
        Measure(
            "assisted",
            _("victims assisted"),
            lambda _c: Service.objects.all(),
            date="started_on",
            reference="case__reference",
            paths={"service": "", "agency": "provider__"},
            counted="case__person",
        )
    ],
    rows=d.SERVICE_KIND,
    columns=d.AGENCY_KIND,
    standards=frozenset({Standard.TIP}),
    rule=_("Persons for whom a service started in the period."),
)
SHELTER_DAYS = Figure(
    "shelter_days",
    Section.PROTECTION,
    _("Shelter days, by the kind of agency providing the shelter"),
    [
        Measure(
            "shelter_days",
            _("days in shelter"),
            lambda _c: Service.objects.filter(kind=ServiceKind.SHELTER),
            date="started_on",
            ends="ended_on",
            sums_days=True,
            reference="case__reference",
            paths={"service": "", "agency": "provider__"},
        )
    ],
    columns=d.AGENCY_KIND,
    standards=frozenset({Standard.TIP}),
    rule=_(
        "The days of every shelter stay that fall in the period, its first and last day "
        "included: a stay begun before the period counts from the period's first day, one "
        "still going (no end date) up to the period's last day or today, whichever is earlier."
    ),
    is_amount=True,
)
RESIDENCE_AND_RETURN = Figure(
    "residence_and_return",
    Section.PROTECTION,
    _("Residence status granted and returns"),
    [
        Measure(
            "moved",
            _("persons"),
            lambda _c: StageTransition.objects.filter(to_stage__in=[Stage.RESIDENCE, Stage.RETURN]),
            date="at",
            date_is_datetime=True,
            reference="case__reference",
            paths={"transition": ""},
            counted="case__person",
        )
    ],
    rows=d.RESIDENCE_OR_RETURN,
)
TIME_TO_DECISION = Figure(
    "time_to_decision",
    Section.PROTECTION,
    _("Time from presumed victim to formal identification"),
    [
        Measure(
            "identified",
            _("victims formally identified"),
            lambda _c: VictimCase.objects.all(),
            date="identified_on",
            reference="reference",
            paths={"victim_case": ""},
        )
    ],
    rows=d.DAYS_TO_DECISION,
)

FIGURES = [
    PRESUMED_BY_SEX_AGE,
    IDENTIFIED_BY_SEX_AGE,
    VICTIMS_BY_FORM,
    VICTIMS_BY_CITIZENSHIP,
    REFERRALS,
    SERVICES,
    SHELTER_DAYS,
    RESIDENCE_AND_RETURN,
    TIME_TO_DECISION,
]
