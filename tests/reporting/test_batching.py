"""Figures counted together (one statement for the distinct counts over the same records) give
the very tables they give counted one by one."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palermo.reporting import sources
from palermo.reporting.batching import batches
from palermo.reporting.counting import count_figure, count_figures
from palermo.reporting.definitions import Context
from palermo.reporting.periods import Period
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db


def test_every_figure_counts_the_same_together_as_alone(world: Any) -> None:
    context = Context.for_period(Period.of(YEAR))
    figures = sources.figures()
    together = count_figures(figures, context)
    for figure in figures:
        alone = count_figure(figure, context)
        assert together[figure.key] == alone, figure.key
    assert any(sum(map(sum, together[key].cells)) for key in ("victims_presumed", "persons_by_sex"))


def test_the_victim_figures_share_one_statement(world: Any) -> None:
    context = Context.for_period(Period.of(YEAR))
    victim_keys = {
        "victims_presumed",
        "victims_identified",
        "victims_by_form",
        "victims_by_citizenship",
        "quality_unknowns",
        "referrals",
    }
    figures = [f for f in sources.figures() if f.key in victim_keys]
    assert [sorted({f.key for f, _m in parts}) for parts in batches(figures)] == [
        sorted(victim_keys)
    ]
    with CaptureQueriesContext(connection) as queries:
        count_figures(figures, context)
    assert len(queries) == 1


def test_a_figure_alone_is_not_batched() -> None:
    figure = sources.figure("victims_by_form")
    assert figure is not None
    assert batches([figure]) == []


def test_plain_counts_and_sums_are_never_batched() -> None:
    parts = [part for batch in batches(sources.figures()) for part in batch]
    assert parts
    assert all(m.counted and not m.sum_of and not m.sums_days for _figure, m in parts)
