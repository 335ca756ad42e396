"""Several years of coherent history for the demo, so the statistics page shows real trends.

The other demo modules write records as of today and then backdate when a case opened. This pass
moves every date that statistics place records by onto that history, in a possible order:
opened → presumed (reflection period) → identified → services; reported → charged → decided;
screening started → completed. It also marks a few suspects as officials and a few
judgments as confiscating assets. Nothing here adds a record; it only dates what exists.
"""

import datetime
from decimal import Decimal

from palermo.core.demo import YEARS, DemoWorld
from palermo.justice.models import CourtDecision, CriminalCase, Suspect
from palermo.justice.models.court import Charge
from palermo.registry.models import Service, Stage, StageTransition, VictimCase
from palermo.screening.models import Screening

REFLECTION_DAYS = 30


def date_the_history(world: DemoWorld) -> None:
    for case in VictimCase.objects.all():
        _date_victim_case(world, case)
    for criminal_case in CriminalCase.objects.all():
        _date_criminal_case(world, criminal_case)
    _date_screenings(world)


def _date_victim_case(world: DemoWorld, case: VictimCase) -> None:
    moved = {
        t.to_stage: t.at.date()
        for t in StageTransition.objects.filter(case=case).order_by("at", "pk")
    }
    presumed = moved.get(Stage.PRESUMED_VICTIM)
    identified = moved.get(Stage.IDENTIFIED)
    fields: dict[str, object] = {}
    if presumed:
        fields["reflection_period_start"] = presumed
        fields["reflection_period_end"] = presumed + datetime.timedelta(days=REFLECTION_DAYS)
    if identified and case.identified_on:
        fields["identified_on"] = min(identified, world.today)
    if fields:
        VictimCase.objects.filter(pk=case.pk).update(**fields)
    start = identified or presumed or case.opened_at.date()
    for service in Service.objects.filter(case=case):
        begun = min(start + datetime.timedelta(days=world.rng.randint(1, 20)), world.today)
        Service.objects.filter(pk=service.pk).update(
            started_on=begun, ended_on=_service_end(world, service.pk, begun)
        )


def _service_end(world: DemoWorld, number: int, begun: datetime.date) -> datetime.date | None:
    """Most services (a shelter stay) end after two weeks to six months; one in ten, and any
    that would end after today, is still going. Derived from the record's number, not drawn
    from the world's random sequence, so the rest of the demo stays as it was."""
    ended = begun + datetime.timedelta(days=14 + (number * 37) % 167)
    return None if number % 10 == 0 or ended > world.today else ended


def _date_criminal_case(world: DemoWorld, case: CriminalCase) -> None:
    for number, suspect in enumerate(Suspect.objects.filter(case=case)):
        if (case.pk + number) % 9 == 0:
            Suspect.objects.filter(pk=suspect.pk).update(is_official=True)
    for charge in Charge.objects.filter(case=case):
        filed = _after(world, case.reported_on, 30, 120)
        Charge.objects.filter(pk=charge.pk).update(filed_on=filed)
        for decision in CourtDecision.objects.filter(charge=charge):
            decided = _after(world, filed, 60, 240)
            assets = Decimal(world.rng.choice([0, 0, 50_000, 120_000]))
            CourtDecision.objects.filter(pk=decision.pk).update(
                decided_on=decided,
                assets_confiscated=assets if decision.outcome == "convicted" else 0,
            )


def _date_screenings(world: DemoWorld) -> None:
    for screening in Screening.objects.all():
        started = world.today - datetime.timedelta(days=world.rng.randrange(1, 365 * YEARS))
        moment = datetime.datetime.combine(started, datetime.time(10), tzinfo=datetime.UTC)
        completed = moment + datetime.timedelta(hours=2) if screening.completed_at else None
        Screening.objects.filter(pk=screening.pk).update(started_at=moment, completed_at=completed)


def _after(world: DemoWorld, day: datetime.date, low: int, high: int) -> datetime.date:
    """A day some time after `day`, never after today (and never before `day`)."""
    return max(day, min(day + datetime.timedelta(days=world.rng.randint(low, high)), world.today))
