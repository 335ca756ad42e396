"""Prevention: screenings by agency and at-risk group, and their yield."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.reporting import dimensions as d
from palermo.reporting.definitions import Dimension, Figure, Section, Standard
from palermo.reporting.figures import measures as m
from palermo.screening.ilo import indicator_lists

# The screening records no at-risk group of its own; the ILO indicator list chosen (adult or
# child, labour or sexual exploitation) is the nearest thing and is what the report shows.
AT_RISK_GROUP = Dimension(
    "indicator_list",
    _("indicator list"),
    "screening",
    lambda _c: [
        (item.code, item.label.in_language(get_language() or "en")) for item in indicator_lists()
    ],
    d._field("indicator_list"),
)

SCREENINGS_BY_AGENCY = Figure(
    "screenings_by_agency",
    Section.PREVENTION,
    _("Screenings completed, by agency and outcome"),
    [m.SCREENINGS],
    rows=d.AGENCY,
    columns=d.SCREENING_OUTCOME,
    standards=frozenset({Standard.TIP}),
    rule=_("Yield: presumed victims per 100 screenings completed in the period."),
)
SCREENINGS_BY_GROUP = Figure(
    "screenings_by_group",
    Section.PREVENTION,
    _("Screenings completed, by indicator list (at-risk group) and outcome"),
    [m.SCREENINGS],
    rows=AT_RISK_GROUP,
    columns=d.SCREENING_OUTCOME,
    standards=frozenset({Standard.TIP}),
)

FIGURES = [SCREENINGS_BY_AGENCY, SCREENINGS_BY_GROUP]
