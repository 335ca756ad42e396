"""Records awaiting linkage review, against counts made here from what was seeded."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.linkreview.models import Decision, LinkDecision, ReviewBatch, ReviewPair
from palermo.reporting.build import build_snapshot
from palermo.reporting.counting import records_behind
from palermo.reporting.definitions import Context
from palermo.reporting.periods import Period
from palermo.reporting.sources import figure
from tests.reporting.test_figures import cell
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db


def _batch(reviewer: User, day: datetime.date, pairs: int) -> list[ReviewPair]:
    uploaded = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    batch = ReviewBatch.objects.create(title="run", uploaded_by=reviewer, uploaded_at=uploaded)
    return [
        ReviewPair.objects.create(
            batch=batch,
            source_l="police",
            record_id_l=f"{batch.pk}-{n}",
            source_r="ngo",
            record_id_r=f"{batch.pk}-{n}",
            match_probability=0.5,
            record_l={},
            record_r={},
        )
        for n in range(pairs)
    ]


def _decide(reviewer: User, pair: ReviewPair, decision: str, swapped: bool = False) -> None:
    left, right = (pair.source_l, pair.record_id_l), (pair.source_r, pair.record_id_r)
    if swapped:
        left, right = right, left
    LinkDecision.objects.create(
        key=pair.key,
        source_l=left[0],
        record_id_l=left[1],
        source_r=right[0],
        record_id_r=right[1],
        decision=decision,
        decided_by=reviewer,
    )


def test_pairs_awaiting_review_are_those_no_decision_settles(
    make_user: Callable[..., User],
) -> None:
    reviewer = make_user("reviewer", "secretariat", Role.LINKAGE_REVIEWER)
    in_year = _batch(reviewer, datetime.date(YEAR, 3, 1), 7) + _batch(
        reviewer, datetime.date(YEAR, 11, 30), 4
    )
    last_year = _batch(reviewer, datetime.date(YEAR - 1, 12, 31), 5)
    decided = {0: Decision.SAME, 1: Decision.DIFFERENT, 2: Decision.UNSURE, 3: Decision.SAME}
    for index, decision in decided.items():
        _decide(reviewer, in_year[index], decision, swapped=index == 3)
    _decide(reviewer, last_year[0], Decision.SAME)

    snapshot = build_snapshot(Period.of(YEAR))

    awaiting = [p for i, p in enumerate(in_year) if i not in decided]
    unsure = [p for i, p in enumerate(in_year) if decided.get(i) == Decision.UNSURE]
    key = "quality_linkage_review"
    assert cell(snapshot, key, "pairs_for_review", "all") == len(in_year) == 11
    assert cell(snapshot, key, "pairs_awaiting_review", "all") == len(awaiting) == 7
    assert cell(snapshot, key, "pairs_unsure", "all") == len(unsure) == 1
    previous = build_snapshot(Period.of(YEAR - 1))
    assert cell(previous, key, "pairs_awaiting_review", "all") == len(last_year) - 1


def test_the_drill_down_names_batches_never_records(make_user: Callable[..., User]) -> None:
    reviewer = make_user("reviewer", "secretariat", Role.LINKAGE_REVIEWER)
    pairs = _batch(reviewer, datetime.date(YEAR, 5, 2), 3)
    declared = figure("quality_linkage_review")
    assert declared is not None
    references = list(
        records_behind(
            declared, Context.for_period(Period.of(YEAR)), "pairs_awaiting_review", "all"
        )
    )
    assert references == [f"batch {pairs[0].batch_id}"]
