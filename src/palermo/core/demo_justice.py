"""Demo criminal cases: investigations, prosecutions, verdicts, sentences and authorisations.

Seeded like the victim cases (demo_registry): each case is planned in memory — as far as
`number % 5` steps go: investigation, a judicial authorisation, prosecution with charges, trial,
judgment — then a batch is written with one insert per table. The rows and audit events are
those `CriminalCase.move_to`, `send_to_prosecution`, `submit_to_court` and
`JudicialAuthorisation.decide` write; the stage rules are checked on the plan.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.core.demo import DemoWorld, random_day_in_last_years
from palermo.core.demo import unsaved_synthetic_person as synthetic_person
from palermo.jurisdiction.models import LegalProvision
from palermo.justice.models import (
    Charge,
    CourtDecision,
    CriminalCase,
    CriminalStage,
    JudicialAuthorisation,
    Sentence,
    Suspect,
    VictimLink,
)
from palermo.justice.models.case import NEXT_CRIMINAL_STAGES, CriminalTransition
from palermo.justice.models.court import Outcome
from palermo.registry.models import Person, VictimCase
from palermo.registry.models.person import PersonSearchKey
from palermo_analytics.progress import count_progress_bar

BATCH = 500


@dataclass
class PlannedCriminalCase:
    number: int
    case: CriminalCase
    suspect: Suspect
    victim: VictimCase
    moves: list[CriminalTransition] = field(default_factory=list)
    authorisation: JudicialAuthorisation | None = None
    charge: Charge | None = None
    decision: CourtDecision | None = None
    sentence: Sentence | None = None


def seed_criminal_cases(world: DemoWorld, victims: list[VictimCase]) -> None:
    """One criminal case per victim case given, taken as far as `number % 5` steps go."""
    provision = LegalProvision.objects.filter(jurisdiction__is_active=True).first()
    assert provision is not None
    with count_progress_bar("criminal cases", "case") as show:
        for first in range(0, len(victims), BATCH):
            chunk = victims[first : first + BATCH]
            batch = [_plan(world, v, provision, first + n) for n, v in enumerate(chunk)]
            _write(world, batch, provision)
            show(first + len(batch), len(victims))


def _plan(
    world: DemoWorld, victim: VictimCase, provision: LegalProvision, number: int
) -> PlannedCriminalCase:
    police, depth = world.agencies["police"], number % 5
    case = CriminalCase(
        owning_agency=police,
        reported_on=random_day_in_last_years(world),
        summary="Synthetic demo case.",
        is_sex_trafficking="sexual" in victim.exploitation.forms,
        is_labour_trafficking="labour" in victim.exploitation.forms,
    )
    suspect = Suspect(case=case, person=synthetic_person(world, police), role="recruiter")
    planned = PlannedCriminalCase(number, case, suspect, victim)
    _move(planned, CriminalStage.INVESTIGATION, world.users["investigator"], "Report received.")
    if depth >= 1:
        planned.authorisation = _measure(world, case, grant=number % 2 == 0)
    if depth >= 2:
        case.prosecution_agency = world.agencies["prosecution"]
        _move(planned, CriminalStage.PROSECUTION, world.users["investigator"], "Evidence complete.")
        planned.charge = Charge(
            case=case, suspect=suspect, provision=provision, filed_by=world.users["prosecutor"]
        )
    if depth >= 3:
        case.court_agency = world.agencies["court"]
        _move(planned, CriminalStage.TRIAL, world.users["prosecutor"], "Indictment filed.")
    if depth >= 4:
        _decide(world, planned, convicted=number % 3 != 0)
    return planned


def _move(planned: PlannedCriminalCase, stage: str, by: User, reason: str) -> None:
    case = planned.case
    if stage not in NEXT_CRIMINAL_STAGES[case.stage]:
        raise ValueError(f"demo plan moves a criminal case from {case.stage} to {stage}")
    planned.moves.append(
        CriminalTransition(from_stage=case.stage, to_stage=stage, by=by, reason=reason)
    )
    case.stage = stage


def _measure(world: DemoWorld, case: CriminalCase, grant: bool) -> JudicialAuthorisation:
    expiry = timezone.now() + datetime.timedelta(days=world.rng.randint(3, 60))
    return JudicialAuthorisation(
        case=case,
        kind="search",
        court=world.agencies["court"],
        requested_by=world.users["investigator"],
        scope="Premises named in the report.",
        status="granted" if grant else "refused",
        judicial_officer=world.users["judge"],
        decided_at=timezone.now(),
        expires_at=expiry if grant else None,
    )


def _decide(world: DemoWorld, planned: PlannedCriminalCase, convicted: bool) -> None:
    assert planned.charge is not None
    planned.decision = CourtDecision(
        charge=planned.charge,
        court=world.agencies["court"],
        outcome=Outcome.CONVICTED if convicted else Outcome.ACQUITTED,
        decided_on=world.today - datetime.timedelta(days=world.rng.randint(1, 300)),
        decided_by=world.users["judge"],
        is_final=True,
    )
    if convicted:
        planned.sentence = Sentence(
            decision=planned.decision, prison_months=world.rng.randint(36, 144)
        )
    _move(planned, CriminalStage.DECIDED, world.users["judge"], "Judgment delivered.")


def _write(world: DemoWorld, batch: list[PlannedCriminalCase], provision: LegalProvision) -> None:
    persons = Person.objects.bulk_create(p.suspect.person for p in batch)
    PersonSearchKey.objects.bulk_create(k for person in persons for k in person.new_search_keys())
    CriminalCase.objects.bulk_create(p.case for p in batch)
    CriminalCase.provisions.through.objects.bulk_create(
        CriminalCase.provisions.through(criminalcase=p.case, legalprovision=provision)
        for p in batch
    )
    suspects = [_linked(p.suspect, case=p.case, person=p.suspect.person) for p in batch]
    Suspect.objects.bulk_create(suspects)
    VictimLink.objects.bulk_create(
        VictimLink(criminal_case=p.case, victim_case=p.victim, capacity="witness") for p in batch
    )
    moves = [_linked(t, case=p.case) for p in batch for t in p.moves]
    CriminalTransition.objects.bulk_create(moves)
    _write_court_work(batch)
    for planned in batch:
        _record_events(planned)


def _write_court_work(batch: list[PlannedCriminalCase]) -> None:
    JudicialAuthorisation.objects.bulk_create(
        _linked(p.authorisation, case=p.case) for p in batch if p.authorisation
    )
    Charge.objects.bulk_create(
        _linked(p.charge, case=p.case, suspect=p.suspect) for p in batch if p.charge
    )
    CourtDecision.objects.bulk_create(
        _linked(p.decision, charge=p.charge) for p in batch if p.decision
    )
    Sentence.objects.bulk_create(
        _linked(p.sentence, decision=p.decision) for p in batch if p.sentence
    )


def _linked[T](row: T, **saved: object) -> T:
    """Point `row` at the objects saved since it was planned (their primary keys are set now)."""
    for name, value in saved.items():
        setattr(row, name, value)
    return row


def _record_events(planned: PlannedCriminalCase) -> None:
    """What the domain's methods record: each move, and the authorisation's decision."""
    reference = planned.case.reference
    for number, transition in enumerate(planned.moves):
        if number == 1 and planned.authorisation is not None:
            authorisation = planned.authorisation
            record_event(
                authorisation.judicial_officer,
                f"authorisation_{authorisation.status}",
                "criminal_case",
                reference,
            )
        record_event(
            transition.by,
            "transition",
            "criminal_case",
            reference,
            changes={
                "stage": [transition.from_stage, transition.to_stage],
                "reason_of": transition.audit_ref,
            },
        )
    if len(planned.moves) == 1 and planned.authorisation is not None:
        authorisation = planned.authorisation
        record_event(
            authorisation.judicial_officer,
            f"authorisation_{authorisation.status}",
            "criminal_case",
            reference,
        )
