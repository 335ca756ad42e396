"""Several years of coherent history for the demo, so the statistics page shows real trends.

Victim cases are dated when they are seeded (demo_registry: opened → presumed with its
reflection period → identified → services, one week apart). This pass moves the other dates that
statistics place records by onto that history, in a possible order: reported → charged →
decided; screening started → completed. It also marks a few suspects as officials and a few
judgments as confiscating assets. Nothing here adds a record; it only dates what exists, in
batches (one update statement per batch and table, not one per row).
"""

import datetime
from decimal import Decimal

from palermo.core.demo import YEARS, DemoWorld
from palermo.justice.models import CourtDecision, CriminalCase, Suspect
from palermo.justice.models.court import Charge
from palermo.screening.models import Screening

BATCH = 1000


def date_the_history(world: DemoWorld) -> None:
    cases = CriminalCase.objects.order_by("pk").prefetch_related("suspects", "charges__decisions")
    for first in range(0, cases.count(), BATCH):
        _date_criminal_cases(world, list(cases[first : first + BATCH]))
    _date_screenings(world)


def _date_criminal_cases(world: DemoWorld, cases: list[CriminalCase]) -> None:
    officials: list[Suspect] = []
    charges: list[Charge] = []
    decisions: list[CourtDecision] = []
    for case in cases:
        for number, suspect in enumerate(case.suspects.all()):
            if (case.pk + number) % 9 == 0:
                suspect.is_official = True
                officials.append(suspect)
        for charge in case.charges.all():
            charge.filed_on = _after(world, case.reported_on, 30, 120)
            charges.append(charge)
            for decision in charge.decisions.all():
                decision.decided_on = _after(world, charge.filed_on, 60, 240)
                assets = Decimal(world.rng.choice([0, 0, 50_000, 120_000]))
                decision.assets_confiscated = assets if decision.outcome == "convicted" else 0
                decisions.append(decision)
    Suspect.objects.bulk_update(officials, ["is_official"])
    Charge.objects.bulk_update(charges, ["filed_on"])
    CourtDecision.objects.bulk_update(decisions, ["decided_on", "assets_confiscated"])


def _date_screenings(world: DemoWorld) -> None:
    screenings = list(Screening.objects.all())
    for screening in screenings:
        started = world.today - datetime.timedelta(days=world.rng.randrange(1, 365 * YEARS))
        moment = datetime.datetime.combine(started, datetime.time(10), tzinfo=datetime.UTC)
        screening.completed_at = (
            moment + datetime.timedelta(hours=2) if screening.completed_at else None
        )
        screening.started_at = moment
    Screening.objects.bulk_update(screenings, ["started_at", "completed_at"], batch_size=BATCH)


def _after(world: DemoWorld, day: datetime.date, low: int, high: int) -> datetime.date:
    """A day some time after `day`, never after today (and never before `day`)."""
    return max(day, min(day + datetime.timedelta(days=world.rng.randint(low, high)), world.today))
