"""The action plan's budget by pillar, against sums made here from the seeded measures."""

import datetime
from decimal import Decimal

import pytest

from palermo.accounts.models import Agency
from palermo.coordination.models import Measure as PlanMeasure
from palermo.jurisdiction.models import Jurisdiction
from palermo.reporting.build import build_snapshot
from palermo.reporting.periods import Period
from palermo.reporting.presentation import present
from tests.reporting.test_figures import cell
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db
Day = datetime.date

# (pillar, starts, deadline, allocated, spent)
PLAN = [
    ("prevention", Day(YEAR, 1, 1), Day(YEAR, 12, 31), 50_000, 12_500),
    ("prevention", Day(YEAR - 1, 6, 1), Day(YEAR + 1, 6, 1), 80_000, 30_000),  # spans 3 years
    ("protection", Day(YEAR, 10, 1), Day(YEAR + 1, 3, 31), 120_000, 7),
    ("prosecution", Day(YEAR - 2, 1, 1), Day(YEAR - 1, 12, 31), 9_999, 9_999),  # ended before
    ("partnership", Day(YEAR + 1, 1, 1), Day(YEAR + 1, 12, 31), 5_000, 0),  # starts after
]


def seed_plan() -> None:
    lead = Agency.objects.get(code="welfare")
    for number, (pillar, starts, deadline, allocated, spent) in enumerate(PLAN, start=1):
        PlanMeasure.objects.create(
            code=f"{number}.1",
            pillar=pillar,
            objective="objective",
            lead_agency=lead,
            starts_on=starts,
            deadline=deadline,
            budget_allocated=Decimal(allocated),
            budget_spent=Decimal(spent) + Decimal("0.25"),
        )


def expected(start: Day, end: Day) -> dict[str, tuple[int, int, int]]:
    sums: dict[str, tuple[int, int, int]] = {}
    for pillar, starts, deadline, allocated, spent in PLAN:
        if starts <= end and deadline >= start:
            a, s, n = sums.get(pillar, (0, 0, 0))
            sums[pillar] = (a + allocated, s + spent, n + 1)
    return sums


def test_budget_allocated_and_spent_by_pillar(jurisdiction: Jurisdiction) -> None:
    seed_plan()
    for period in (Period.of(YEAR), Period.of(YEAR - 1), Period.of(YEAR + 1, "tip")):
        snapshot = build_snapshot(period)
        sums = expected(period.start, period.end)
        for pillar in ["prevention", "protection", "prosecution", "partnership"]:
            allocated, spent, running = sums.get(pillar, (0, 0, 0))
            assert cell(snapshot, "funding_by_pillar", "budget_allocated", pillar) == allocated
            # A quarter per measure: whole units, rounded once the sum is made.
            assert cell(snapshot, "funding_by_pillar", "budget_spent", pillar) == round(
                spent + 0.25 * running
            )
            assert cell(snapshot, "plan_measures_by_pillar", "plan_measures", pillar) == running


def test_the_public_edition_shows_the_budget_as_recorded(jurisdiction: Jurisdiction) -> None:
    seed_plan()
    snapshot = build_snapshot(Period.of(YEAR))
    view = present(snapshot, public=True, charts=False)
    funding = next(s for s in view.sections if s.key == "funding")
    budget = next(f for f in funding.figures if f.key == "funding_by_pillar")
    allocated = next(row for row in budget.rows if row.code == "budget_allocated")
    assert allocated.total.value == sum(
        a for a, _s, _n in expected(Day(YEAR, 1, 1), Day(YEAR, 12, 31)).values()
    )
    assert budget.hidden == 0
