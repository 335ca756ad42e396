"""Prosecution: offences, the criminal-justice flow, persons by sex and citizenship, sentences,
judicial authorisations, complicity of officials, assets confiscated."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palermo.justice.models import CourtDecision, CriminalCase, JudicialAuthorisation
from palermo.justice.models.authorisation import AuthorisationKind, AuthorisationStatus
from palermo.justice.models.court import Outcome, Sentence
from palermo.reporting import dimensions as d
from palermo.reporting.definitions import Dimension, Figure, Measure, Section, Standard
from palermo.reporting.figures import measures as m

Offences = CriminalCase.provisions.through

OFFENCES = Figure(
    "offences",
    Section.PROSECUTION,
    _("Offences recorded, by legal provision"),
    [
        Measure(
            "offences",
            _("offences recorded"),
            lambda _c: Offences.objects.all(),
            date="criminalcase__reported_on",
            reference="criminalcase__reference",
            paths={"provision": "legalprovision__"},
        )
    ],
    rows=d.PROVISION,
    standards=frozenset({Standard.GLOTIP}),
    rule=_("One offence per provision cited by a criminal case reported in the period."),
)

FLOW = Figure(
    "justice_flow",
    Section.PROSECUTION,
    _("Investigations, prosecutions, convictions and acquittals, by form of trafficking"),
    [m.INVESTIGATIONS, m.PROSECUTED, m.CONVICTED, m.ACQUITTED],
    columns=d.TRAFFICKING_TYPE,
    standards=frozenset({Standard.TIP}),
    rule=_(
        "Investigations: criminal cases reported in the period. Prosecuted: persons charged under "
        "a trafficking provision in the period. Convicted / acquitted: persons with a final "
        "decision on such a charge in the period."
    ),
)

LESSER = Figure(
    "lesser_offences",
    Section.PROSECUTION,
    _("Prosecutions and convictions under trafficking provisions and under lesser offences"),
    [m.PROSECUTED_ANY, m.CONVICTED_ANY],
    columns=d.CHARGED_UNDER,
    standards=frozenset({Standard.TIP}),
    rule=_("Lesser offences are the provisions the jurisdiction pack lists as such."),
)

PERSONS_BY_SEX = Figure(
    "persons_by_sex",
    Section.PROSECUTION,
    _("Persons suspected, arrested, prosecuted and convicted, by sex"),
    [m.SUSPECTED, m.ARRESTED, m.PROSECUTED, m.CONVICTED],
    columns=d.SEX,
    standards=frozenset({Standard.GLOTIP, Standard.EUROSTAT}),
    rule=_("Each person counts once per row, whatever the number of charges."),
)

PERSONS_BY_CITIZENSHIP = Figure(
    "persons_by_citizenship",
    Section.PROSECUTION,
    _("Persons suspected, prosecuted and convicted, by citizenship"),
    [m.SUSPECTED, m.PROSECUTED, m.CONVICTED],
    columns=d.CITIZENSHIP,
    standards=frozenset({Standard.GLOTIP, Standard.EUROSTAT}),
)

SENTENCES = Figure(
    "sentences",
    Section.PROSECUTION,
    _("Prison sentences of final convictions, by length"),
    [
        Measure(
            "sentences",
            _("sentences"),
            lambda _c: Sentence.objects.filter(
                decision__is_final=True, decision__outcome=Outcome.CONVICTED
            ),
            date="decision__decided_on",
            reference="decision__charge__case__reference",
            paths={"sentence": ""},
        )
    ],
    rows=d.SENTENCE_BAND,
    columns=d.SUSPENSION,
    standards=frozenset({Standard.TIP}),
    rule=_("One sentence per final conviction on a charge, placed by the decision's date."),
)

AUTHORISATION_KIND = Dimension(
    "authorisation_kind",
    _("measure"),
    "authorisation",
    lambda _c: d._choices(AuthorisationKind),
    d._field("kind"),
)

AUTHORISATIONS = Figure(
    "authorisations",
    Section.PROSECUTION,
    _("Judicial authorisations granted, by measure"),
    [
        Measure(
            "granted",
            _("authorisations granted"),
            lambda _c: JudicialAuthorisation.objects.filter(status=AuthorisationStatus.GRANTED),
            date="decided_at",
            date_is_datetime=True,
            reference="case__reference",
            paths={"authorisation": ""},
        )
    ],
    rows=AUTHORISATION_KIND,
)

OFFICIALS = Q(is_official=True)

COMPLICITY = Figure(
    "complicity",
    Section.PROSECUTION,
    _("Public officials investigated, prosecuted and convicted for complicity"),
    [
        Measure(
            "investigated",
            _("officials investigated"),
            m.suspects,
            date="case__reported_on",
            condition=OFFICIALS,
            reference="case__reference",
            paths={"person": "person__"},
            counted="person",
        ),
        Measure(
            "prosecuted",
            _("officials prosecuted"),
            m.trafficking_charges,
            date="filed_on",
            condition=Q(suspect__is_official=True),
            reference="case__reference",
            paths={"person": "suspect__person__"},
            counted="suspect__person",
        ),
        Measure(
            "convicted",
            _("officials convicted"),
            m.trafficking_decisions,
            date="decided_on",
            condition=Q(outcome=Outcome.CONVICTED, charge__suspect__is_official=True),
            reference="charge__case__reference",
            paths={"person": "charge__suspect__person__"},
            counted="charge__suspect__person",
        ),
    ],
    standards=frozenset({Standard.TIP}),
)

ASSETS = Figure(
    "assets_confiscated",
    Section.PROSECUTION,
    _("Value of assets confiscated by final decisions"),
    [
        Measure(
            "assets",
            _("value confiscated"),
            lambda _c: CourtDecision.objects.filter(is_final=True, assets_confiscated__gt=0),
            date="decided_on",
            reference="charge__case__reference",
            paths={},
            sum_of="assets_confiscated",
        )
    ],
    is_amount=True,
    rule=_("Sum of the assets confiscated by final decisions dated in the period."),
)

FIGURES = [
    OFFENCES,
    FLOW,
    LESSER,
    PERSONS_BY_SEX,
    PERSONS_BY_CITIZENSHIP,
    SENTENCES,
    AUTHORISATIONS,
    COMPLICITY,
    ASSETS,
]
