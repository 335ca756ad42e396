"""Demo criminal cases: investigations, prosecutions, verdicts, sentences and authorisations."""

import datetime

from django.utils import timezone

from palermo.core.demo import DemoWorld, random_day_in_last_years, synthetic_person
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
from palermo.justice.models.court import Outcome
from palermo.registry.models import VictimCase
from palermo_analytics.progress import count_progress_bar


def seed_criminal_cases(world: DemoWorld, victims: list[VictimCase]) -> None:
    """One criminal case per victim case given, taken as far as `number % 5` steps go."""
    provision = LegalProvision.objects.filter(jurisdiction__is_active=True).first()
    assert provision is not None
    with count_progress_bar("criminal cases", "case") as show:
        for number, victim in enumerate(victims):
            _seed_criminal_case(world, victim, provision, number)
            if number % 100 == 99 or number == len(victims) - 1:
                show(number + 1, len(victims))


def _seed_criminal_case(
    world: DemoWorld, victim: VictimCase, provision: LegalProvision, number: int
) -> None:
    case = _open_case(world, victim, provision)
    depth = number % 5
    if depth >= 1:
        _request_measure(world, case, grant=number % 2 == 0)
    if depth >= 2:
        case.send_to_prosecution(
            world.agencies["prosecution"], world.users["investigator"], "Evidence complete."
        )
        _charge(world, case, provision)
    if depth >= 3:
        case.submit_to_court(
            world.agencies["court"], world.users["prosecutor"], "Indictment filed."
        )
    if depth >= 4:
        _decide(world, case, convicted=number % 3 != 0)


def _open_case(world: DemoWorld, victim: VictimCase, provision: LegalProvision) -> CriminalCase:
    police = world.agencies["police"]
    case = CriminalCase.objects.create(
        owning_agency=police,
        reported_on=random_day_in_last_years(world),
        summary="Synthetic demo case.",
        is_sex_trafficking="sexual" in victim.exploitation.forms,
        is_labour_trafficking="labour" in victim.exploitation.forms,
    )
    case.provisions.add(provision)
    Suspect.objects.create(case=case, person=synthetic_person(world, police), role="recruiter")
    VictimLink.objects.create(criminal_case=case, victim_case=victim, capacity="witness")
    case.move_to(CriminalStage.INVESTIGATION, world.users["investigator"], "Report received.")
    return case


def _request_measure(world: DemoWorld, case: CriminalCase, grant: bool) -> None:
    request = JudicialAuthorisation.objects.create(
        case=case,
        kind="search",
        court=world.agencies["court"],
        requested_by=world.users["investigator"],
        scope="Premises named in the report.",
    )
    expiry = timezone.now() + datetime.timedelta(days=world.rng.randint(3, 60))
    request.decide(grant, world.users["judge"], expiry if grant else None)


def _charge(world: DemoWorld, case: CriminalCase, provision: LegalProvision) -> None:
    for suspect in case.suspects.all():
        Charge.objects.create(
            case=case, suspect=suspect, provision=provision, filed_by=world.users["prosecutor"]
        )


def _decide(world: DemoWorld, case: CriminalCase, convicted: bool) -> None:
    for charge in case.charges.all():
        decision = CourtDecision.objects.create(
            charge=charge,
            court=world.agencies["court"],
            outcome=Outcome.CONVICTED if convicted else Outcome.ACQUITTED,
            decided_on=world.today - datetime.timedelta(days=world.rng.randint(1, 300)),
            decided_by=world.users["judge"],
            is_final=True,
        )
        if convicted:
            Sentence.objects.create(decision=decision, prison_months=world.rng.randint(36, 144))
    case.move_to(CriminalStage.DECIDED, world.users["judge"], "Judgment delivered.")
