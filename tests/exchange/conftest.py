"""A generated registry of victims (synthetic, made in code); the users are the cast's
(tests/cast.py)."""

import datetime
import random
from collections.abc import Callable

import pytest
from django.utils import timezone

from palermo.accounts.models import Agency
from palermo.registry.models import Exploitation, Person, VictimCase
from palermo.registry.vocabulary import (
    ExploitationForm,
    LabourSector,
    MeansOfControl,
    RecruiterRelation,
    Sex,
)

NATIONALITIES = ["MO", "CN", "VN", "PH", "ID", "NA", "TH"]


@pytest.fixture
def make_victims(agency: Callable[[str], Agency]) -> Callable[..., list[VictimCase]]:
    """`make_victims(n, seed)`: n victim persons with one presumed-victim case each."""

    def make(n: int, seed: int = 0, years: tuple[int, int] = (2015, 2025)) -> list[VictimCase]:
        rng = random.Random(seed)
        welfare, hotline = agency("welfare"), agency("hotline")
        persons = Person.objects.bulk_create(
            Person(
                given_name=f"Given{i}",
                family_name=f"Family{i}",
                sex=rng.choice([Sex.FEMALE, Sex.FEMALE, Sex.MALE, Sex.UNKNOWN]),
                estimated_age=rng.choice([None, 15, 19, 22, 25, 28, 33, 41, 52]),
                nationality=rng.choice(NATIONALITIES),
                recorded_by_agency=welfare,
            )
            for i in range(n)
        )
        cases = VictimCase.objects.bulk_create(
            VictimCase(
                person=person,
                owning_agency=hotline if rng.random() < 0.2 else welfare,
                stage="presumed_victim",
                opened_at=timezone.make_aware(
                    datetime.datetime(rng.randint(*years), rng.randint(1, 12), 1, 12)
                ),
                reflection_period_start=datetime.date(2020, 1, 1),
            )
            for person in persons
        )
        Exploitation.objects.bulk_create(
            Exploitation(
                case=case,
                forms=rng.sample(
                    [ExploitationForm.SEXUAL, ExploitationForm.LABOUR], rng.randint(1, 2)
                ),
                means_of_control=rng.sample(list(MeansOfControl.values), rng.randint(0, 3)),
                labour_sectors=rng.sample(list(LabourSector.values), rng.randint(0, 1)),
                recruiter_relations=rng.sample(list(RecruiterRelation.values), rng.randint(0, 1)),
                was_abducted=rng.choice([None, False, True]),
                country_of_exploitation=rng.choice(["MO", "MO", "HK", ""]),
            )
            for case in cases
            if rng.random() < 0.9
        )
        return cases

    return make
