"""Demo victim cases: every stage, with consent, referrals and services, seeded in batches.

Each case's path is planned in memory (the stages it passes, dated over the weeks after it
opened), then a batch of cases is written with one insert per table. The rows and audit events
are those the domain's own methods write (`VictimCase.move_to`, `Referral.send`/`answer`); the
stage rules are checked here too, so a plan the mechanism would refuse fails the seeding.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.core.demo import MAIN_PATH, DemoWorld, random_day_in_last_years
from palermo.core.demo import unsaved_synthetic_person as synthetic_person
from palermo.registry.models import (
    Consent,
    Exploitation,
    Person,
    Referral,
    Service,
    Stage,
    StageTransition,
    VictimCase,
)
from palermo.registry.models.case import DEFAULT_REFLECTION_DAYS, NEXT_STAGES
from palermo.registry.models.person import PersonSearchKey
from palermo.registry.models.referral import ReferralStatus, ServiceKind
from palermo.registry.system_notes import system_note
from palermo.registry.vocabulary import ExploitationForm, LabourSector, MeansOfControl
from palermo_analytics.progress import count_progress_bar

OWNERS = ["caseworker", "ngo"]
BATCH = 1000  # cases written per round of inserts: bounded memory, few round trips
CRIMINAL_EVERY = 6  # one criminal case follows every sixth victim case


@dataclass
class PlannedCase:
    number: int
    owner: User
    case: VictimCase
    moves: list[tuple[str, str]] = field(default_factory=list)  # (stage, reason)
    transitions: list[StageTransition] = field(default_factory=list)


def seed_victim_cases(world: DemoWorld, persons: int) -> list[VictimCase]:
    """Seed `persons` cases; returns the ones criminal cases follow (every sixth)."""
    followed: list[VictimCase] = []
    with count_progress_bar("victim cases", "case") as show:
        for first in range(0, persons, BATCH):
            batch = [_plan(world, n) for n in range(first, min(first + BATCH, persons))]
            _write(world, batch)
            followed += [p.case for p in batch if p.number % CRIMINAL_EVERY == 0]
            show(first + len(batch), persons)
    return followed


def _plan(world: DemoWorld, number: int) -> PlannedCase:
    owner = world.users[OWNERS[number % len(OWNERS)]]
    assert owner.agency is not None
    case = VictimCase(
        person=synthetic_person(world, owner.agency), owning_agency=owner.agency, opened_by=owner
    )
    planned = PlannedCase(number, owner, case)
    stop_after = number % (len(MAIN_PATH) + 2)
    # Two extra buckets: cases left at "referred", and cases found not to be victims.
    if stop_after == len(MAIN_PATH) + 1:
        planned.moves = [
            (Stage.SCREENING, system_note("Screening interview held.")),
            (Stage.NOT_IDENTIFIED, system_note("Indicators not confirmed.")),
        ]
    else:
        planned.moves = [
            (stage, system_note("Demo: moved to “%(stage)s”.", stage=stage))
            for stage in MAIN_PATH[:stop_after]
        ]
    if planned.moves and planned.moves[-1][0] == Stage.ASSISTANCE and (number // 8) % 2:
        planned.moves.append((Stage.RETURN, system_note("Demo: the person chose to go home.")))
    opened = datetime.datetime.combine(
        random_day_in_last_years(world), datetime.time(9), tzinfo=datetime.UTC
    )
    case.opened_at = opened
    _walk_the_path(world, planned, opened)
    return planned


def _walk_the_path(world: DemoWorld, planned: PlannedCase, opened: datetime.datetime) -> None:
    """The transitions and the case's stage fields, as `move_to` sets them, one week apart."""
    case, now = planned.case, timezone.now()
    for step, (stage, reason) in enumerate(planned.moves, start=1):
        if stage not in NEXT_STAGES[case.stage]:
            raise ValueError(f"demo plan moves a case from {case.stage} to {stage}")
        at = min(opened + datetime.timedelta(days=7 * step), now)
        planned.transitions.append(
            StageTransition(
                from_stage=case.stage, to_stage=stage, by=planned.owner, at=at, reason=reason
            )
        )
        if stage == Stage.PRESUMED_VICTIM:
            case.reflection_period_start = at.date()
            case.reflection_period_end = at.date() + datetime.timedelta(
                days=DEFAULT_REFLECTION_DAYS
            )
        elif stage == Stage.IDENTIFIED:
            case.competent_authority = world.agencies["police"]
            case.identification_decision = system_note("Identified as a victim.")
            case.identified_on = min(at.date(), world.today)
        elif stage == Stage.CLOSED:
            case.closed_at = at
        case.stage = stage
        # The list's "days in stage" and "last activity" follow the dated history.
        case.stage_since = case.last_activity_at = at
    if not planned.moves:
        case.stage_since = case.last_activity_at = opened


def _write(world: DemoWorld, batch: list[PlannedCase]) -> None:
    persons = Person.objects.bulk_create(p.case.person for p in batch)
    PersonSearchKey.objects.bulk_create(
        (key for person in persons for key in person.new_search_keys()), batch_size=BATCH
    )
    VictimCase.objects.bulk_create(p.case for p in batch)
    Exploitation.objects.bulk_create(_exploitation(world, p.case) for p in batch)
    for planned in batch:
        for transition in planned.transitions:
            transition.case = planned.case
    StageTransition.objects.bulk_create(t for p in batch for t in p.transitions)
    for planned in batch:
        for transition in planned.transitions:
            record_event(
                planned.owner,
                "transition",
                "victim_case",
                planned.case.reference,
                # The reason stays on the (encrypted) transition; the entry points at it.
                changes={
                    "stage": [transition.from_stage, transition.to_stage],
                    "reason_of": transition.audit_ref,
                },
            )
    _refer_some(world, [p for p in batch if _is_referred(p)])


def _exploitation(world: DemoWorld, case: VictimCase) -> Exploitation:
    sexual = world.rng.random() < 0.55
    return Exploitation(
        case=case,
        forms=[ExploitationForm.SEXUAL] if sexual else [ExploitationForm.LABOUR],
        labour_sectors=[] if sexual else [world.rng.choice(LabourSector.values)],
        means_of_control=world.rng.sample(MeansOfControl.values, k=2),
        country_of_origin=case.person.nationality,
        country_of_exploitation="MO",
    )


def _is_referred(planned: PlannedCase) -> bool:
    return planned.case.stage not in {Stage.REFERRED, Stage.SCREENING} and planned.number % 3 == 0


def _refer_some(world: DemoWorld, batch: list[PlannedCase]) -> None:
    """Consent, a referral to the other agency and, for half, its acceptance and a service —
    the rows and events of `Referral.send` and `Referral.answer`."""
    consents = Consent.objects.bulk_create(
        Consent(case=p.case, recorded_by=p.owner, form="written") for p in batch
    )
    for planned, consent in zip(batch, consents, strict=True):
        # As `Consent.record` audits it.
        record_event(
            planned.owner,
            "consent_recorded",
            "victim_case",
            planned.case.reference,
            changes={"consent": consent.pk},
        )
    referrals, services, now = [], [], timezone.now()
    for planned, consent in zip(batch, consents, strict=True):
        other = world.users["caseworker" if planned.owner.username == "ngo" else "ngo"]
        assert other.agency is not None
        assert planned.owner.agency is not None
        referral = Referral(
            case=planned.case,
            from_agency=planned.owner.agency,
            to_agency=other.agency,
            service=ServiceKind.SHELTER,
            consent=consent,
            sent_by=planned.owner,
        )
        record_event(
            planned.owner,
            "refer",
            "victim_case",
            planned.case.reference,
            changes={"to": other.agency.code},
        )
        if planned.number % 2 == 0:
            referral.status, referral.answered_by, referral.answered_at = (
                ReferralStatus.ACCEPTED,
                other,
                now,
            )
            record_event(other, "referral_accepted", "victim_case", planned.case.reference)
            services.append(_service(world, planned, other))
        referrals.append(referral)
    Referral.objects.bulk_create(referrals)
    Service.objects.bulk_create(services)


def _service(world: DemoWorld, planned: PlannedCase, provider: User) -> Service:
    """A shelter, begun within days of identification (or of the case's opening)."""
    case = planned.case
    start = case.identified_on or case.reflection_period_start or case.opened_at.date()
    begun = min(start + datetime.timedelta(days=world.rng.randint(1, 20)), world.today)
    assert provider.agency is not None
    return Service(
        case=case,
        kind=ServiceKind.SHELTER,
        provider=provider.agency,
        started_on=begun,
        ended_on=_service_end(world, planned.number, begun),
    )


def _service_end(world: DemoWorld, number: int, begun: datetime.date) -> datetime.date | None:
    """Most services (a shelter stay) end after two weeks to six months; one in ten, and any
    that would end after today, is still going. Derived from the case's number, not drawn from
    the world's random sequence, so the rest of the demo stays as it was."""
    ended = begun + datetime.timedelta(days=14 + (number * 37) % 167)
    return None if number % 10 == 0 or ended > world.today else ended
