"""The clerical review queue as a data-quality figure of the annual report (issue 9).

A pair of records linkage was unsure about waits for a reviewer until a decision settles it;
until then the report may count one person twice (or two as one). The figure counts the pairs
of review batches uploaded in the period and where their decisions stand when the report is
built. Declared as data for `palermo.reporting` and registered from `LinkReviewConfig.ready()`.
"""

from typing import Any

from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from palermo.linkreview.models import Decision, LinkDecision, ReviewPair
from palermo.reporting.definitions import Context, Figure, Measure, Section


def _decision_on_the_pair() -> Subquery:
    """The decision taken on the same two records, in either order (a decision outlives its
    batch: the next run's pair of the same records is already decided)."""
    same_order = Q(
        source_l=OuterRef("source_l"),
        record_id_l=OuterRef("record_id_l"),
        source_r=OuterRef("source_r"),
        record_id_r=OuterRef("record_id_r"),
    )
    swapped = Q(
        source_l=OuterRef("source_r"),
        record_id_l=OuterRef("record_id_r"),
        source_r=OuterRef("source_l"),
        record_id_r=OuterRef("record_id_l"),
    )
    return Subquery(LinkDecision.objects.filter(same_order | swapped).values("decision")[:1])


def _pairs(_context: Context) -> QuerySet[ReviewPair, Any]:
    # The batch number is the drill-down's reference: pairs have none, and a batch's title is
    # free text a reviewer typed.
    return ReviewPair.objects.annotate(
        decision_now=_decision_on_the_pair(),
        batch_reference=Concat(Value("batch "), Cast("batch_id", CharField())),
    )


def _pair_measure(code: str, label: Any, condition: Q) -> Measure:
    return Measure(
        code,
        label,
        _pairs,
        date="batch__uploaded_at",
        date_is_datetime=True,
        reference="batch_reference",
        paths={},
        condition=condition,
    )


PAIRS_UPLOADED = _pair_measure("pairs_for_review", _("record pairs sent to review"), Q())
PAIRS_AWAITING = _pair_measure(
    "pairs_awaiting_review", _("pairs awaiting a decision"), Q(decision_now__isnull=True)
)
PAIRS_UNSURE = _pair_measure(
    "pairs_unsure",
    _("pairs the reviewer could not decide (unsure)"),
    Q(decision_now=Decision.UNSURE),
)

AWAITING_LINKAGE_REVIEW = Figure(
    "quality_linkage_review",
    Section.QUALITY,
    _("Records awaiting linkage review"),
    [PAIRS_UPLOADED, PAIRS_AWAITING, PAIRS_UNSURE],
    rule=_(
        "Pairs of records in review batches uploaded in the period, and those of them that no "
        "decision of same or different people settles when the report is built. Until one does, "
        "the two records may be one person counted twice, or two people counted as one."
    ),
)

FIGURES = [AWAITING_LINKAGE_REVIEW]
