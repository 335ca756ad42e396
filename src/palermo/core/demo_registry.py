"""Demo victim cases: every stage, with consent, referrals and services."""

from tqdm import tqdm

from palermo.accounts.models import User
from palermo.core.demo import (
    MAIN_PATH,
    DemoWorld,
    backdate_transitions,
    random_day_in_last_years,
    synthetic_person,
)
from palermo.registry.models import Consent, Exploitation, Referral, Service, Stage, VictimCase
from palermo.registry.models.referral import ServiceKind
from palermo.registry.system_notes import system_note
from palermo.registry.vocabulary import ExploitationForm, LabourSector, MeansOfControl

OWNERS = ["caseworker", "ngo"]


def seed_victim_cases(world: DemoWorld, persons: int) -> list[VictimCase]:
    cases = []
    for number in tqdm(range(persons), desc="victim cases", unit="case", disable=None):
        owner = world.users[OWNERS[number % len(OWNERS)]]
        assert owner.agency is not None
        person = synthetic_person(world, owner.agency)
        case = VictimCase.objects.create(person=person, owning_agency=owner.agency, opened_by=owner)
        _describe_exploitation(world, case)
        _walk_the_path(world, case, owner, stop_after=number % (len(MAIN_PATH) + 2))
        if case.stage == Stage.ASSISTANCE and (number // 8) % 2:
            case.move_to(Stage.RETURN, owner, "Demo: the person chose to go home.")
        _refer_some(world, case, owner, number)
        backdate_transitions(case, random_day_in_last_years(world))
        cases.append(case)
    return cases


def _walk_the_path(world: DemoWorld, case: VictimCase, owner: User, stop_after: int) -> None:
    judiciary_police = world.agencies["police"]
    # Two extra buckets: cases left at "referred", and cases found not to be victims.
    if stop_after == len(MAIN_PATH) + 1:
        case.move_to(Stage.SCREENING, owner, "Screening interview held.")
        case.move_to(Stage.NOT_IDENTIFIED, owner, "Indicators not confirmed.")
        return
    for stage in MAIN_PATH[:stop_after]:
        details = {}
        if stage == Stage.IDENTIFIED:
            details = {
                "competent_authority": judiciary_police,
                "decision": "Identified as a victim.",
            }
        case.move_to(
            stage, owner, system_note("Demo: moved to “%(stage)s”.", stage=stage), **details
        )


def _describe_exploitation(world: DemoWorld, case: VictimCase) -> None:
    sexual = world.rng.random() < 0.55
    Exploitation.objects.create(
        case=case,
        forms=[ExploitationForm.SEXUAL] if sexual else [ExploitationForm.LABOUR],
        labour_sectors=[] if sexual else [world.rng.choice(LabourSector.values)],
        means_of_control=world.rng.sample(MeansOfControl.values, k=2),
        country_of_origin=case.person.nationality,
        country_of_exploitation="MO",
    )


def _refer_some(world: DemoWorld, case: VictimCase, owner: User, number: int) -> None:
    if case.stage in {Stage.REFERRED, Stage.SCREENING} or number % 3:
        return
    Consent.objects.create(case=case, recorded_by=owner, form="written")
    other = world.users["ngo"] if case.owning_agency.kind != "ngo" else world.users["caseworker"]
    assert other.agency is not None
    referral = Referral.send(case, other.agency, ServiceKind.SHELTER, owner)
    if number % 2 == 0:
        referral.answer(accept=True, by=other)
        Service.objects.create(case=case, kind=ServiceKind.SHELTER, provider=other.agency)
