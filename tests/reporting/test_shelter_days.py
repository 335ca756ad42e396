"""Shelter days against days counted here, stay by stay, from the seeded dates."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from palermo.accounts.models import Agency
from palermo.jurisdiction.models import Jurisdiction
from palermo.registry.models import Person, Service, VictimCase
from palermo.registry.models.case import Stage
from palermo.reporting.build import build_snapshot
from palermo.reporting.periods import Period
from tests.reporting.test_figures import cell
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db
Day = datetime.date

# (provider, kind of service, started, ended or None while it lasts)
STAYS: list[tuple[str, str, Day, Day | None]] = [
    ("shelter-ngo", "shelter", Day(YEAR, 3, 1), Day(YEAR, 3, 31)),  # inside: 31 days
    ("shelter-ngo", "shelter", Day(YEAR - 1, 12, 20), Day(YEAR, 1, 10)),  # across new year
    ("shelter-ngo", "shelter", Day(YEAR, 12, 1), None),  # still going
    ("welfare", "shelter", Day(YEAR - 1, 6, 1), Day(YEAR + 1, 2, 1)),  # whole year
    ("welfare", "shelter", Day(YEAR, 7, 4), Day(YEAR, 7, 4)),  # one day
    ("shelter-ngo", "shelter", Day(YEAR - 1, 1, 1), Day(YEAR - 1, 12, 31)),  # before the year
    ("shelter-ngo", "medical", Day(YEAR, 2, 1), Day(YEAR, 5, 1)),  # not a shelter
]


def days_in(start: Day, end: Day, stay_start: Day, stay_end: Day | None) -> int:
    """Counted day by day, not by the report's arithmetic."""
    last = min(end, timezone.localdate())
    day, days = stay_start, 0
    while day <= (stay_end or last):
        days += start <= day <= last
        day += datetime.timedelta(days=1)
    return days


def seed_stays(stays: list[tuple[str, str, Day, Day | None]]) -> None:
    for provider, kind, started, ended in stays:
        agency = Agency.objects.get(code=provider)
        person = Person.objects.create(sex="female", recorded_by_agency=agency)
        case = VictimCase.objects.create(
            person=person, owning_agency=agency, stage=Stage.ASSISTANCE
        )
        Service.objects.create(
            case=case, kind=kind, provider=agency, started_on=started, ended_on=ended
        )


def expected_days(start: Day, end: Day, kind_of: Callable[[str], str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for provider, kind, started, ended in STAYS:
        if kind == "shelter":
            column = kind_of(provider)
            totals[column] = totals.get(column, 0) + days_in(start, end, started, ended)
    return totals


def test_shelter_days_are_the_days_of_each_stay_inside_the_period(
    jurisdiction: Jurisdiction,
) -> None:
    seed_stays(STAYS)
    kinds = dict(Agency.objects.values_list("code", "kind"))
    for period in (Period.of(YEAR), Period.of(YEAR, "tip"), Period.of(YEAR + 1)):
        snapshot = build_snapshot(period)
        expected = expected_days(period.start, period.end, kinds.__getitem__)
        assert any(expected.values())
        for column, days in expected.items():
            assert cell(snapshot, "shelter_days", "shelter_days", column) == days, period


def test_a_stay_still_going_counts_up_to_today_in_the_current_year(
    jurisdiction: Jurisdiction,
) -> None:
    today = timezone.localdate()
    started = today - datetime.timedelta(days=20)
    seed_stays([("shelter-ngo", "shelter", started, None)])
    period = Period.of(today.year)
    snapshot = build_snapshot(period)
    expected = days_in(period.start, period.end, started, None)
    assert cell(snapshot, "shelter_days", "shelter_days", "ngo") == expected
    # An amount made up of one stay is hidden in the public edition.
    assert sum(sum(line) for line in snapshot["figures"]["shelter_days"]["contributors"]) == 1
