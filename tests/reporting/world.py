"""A small world with known counts, made straight through the ORM from plain specs, so each
figure can be checked against counts computed from the specs (not through the report's code)."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.jurisdiction.models import LegalProvision
from palermo.justice.models import CourtDecision, CriminalCase, Suspect
from palermo.justice.models.court import Charge
from palermo.registry.models import Exploitation, Person, VictimCase
from palermo.registry.models.case import Stage
from palermo.screening.models import Screening

YEAR = 2025
AGENCIES = ["police", "labour", "shelter-ngo", "hotline"]


@dataclass
class VictimSpec:
    person: int
    sex: str
    birth_year: int | None
    nationality: str
    forms: list[str]
    agency: str
    presumed: datetime.date
    identified: datetime.date | None


@dataclass
class SuspectSpec:
    sex: str
    nationality: str
    is_official: bool
    charged: datetime.date | None
    convicted: datetime.date | None
    assets: int = 0


@dataclass
class CaseSpec:
    reported: datetime.date
    sex_trafficking: bool
    labour_trafficking: bool
    suspects: list[SuspectSpec] = field(default_factory=list)


def victim_specs(seed: int = 7) -> list[VictimSpec]:
    rng = random.Random(seed)
    specs = []
    for number in range(70):
        presumed = datetime.date(rng.choice([YEAR - 1, YEAR, YEAR]), rng.randint(1, 12), 1)
        identified = (
            presumed + datetime.timedelta(days=rng.choice([10, 45, 100, 200]))
            if rng.random() < 0.6
            else None
        )
        forms = rng.choice([["sexual"], ["labour"], ["begging"], ["sexual", "labour"], []])
        sex = rng.choice(["female", "female", "male", "unknown"])
        birth_year = rng.choice([None, 1990, 2000, YEAR - 15])
        nationality = rng.choice(["", "CN", "PH", "VN"])
        person = number if number % 10 else number - 1  # some persons have two cases
        if specs and specs[-1].person == person:
            sex, birth_year, nationality = (
                specs[-1].sex,
                specs[-1].birth_year,
                specs[-1].nationality,
            )
        specs.append(
            VictimSpec(
                person=person,
                sex=sex,
                birth_year=birth_year,
                nationality=nationality,
                forms=forms,
                agency=rng.choice(AGENCIES),
                presumed=presumed,
                identified=identified,
            )
        )
    return specs


def case_specs(seed: int = 11) -> list[CaseSpec]:
    rng = random.Random(seed)
    cases = []
    for _number in range(25):
        reported = datetime.date(rng.choice([YEAR - 1, YEAR]), rng.randint(1, 12), 3)
        suspects = []
        for _s in range(rng.randint(1, 3)):
            charged = reported + datetime.timedelta(days=60) if rng.random() < 0.7 else None
            convicted = (
                charged + datetime.timedelta(days=90) if charged and rng.random() < 0.5 else None
            )
            suspects.append(
                SuspectSpec(
                    sex=rng.choice(["female", "male", "male"]),
                    nationality=rng.choice(["CN", "", "TH"]),
                    is_official=rng.random() < 0.15,
                    charged=charged,
                    convicted=convicted,
                    assets=rng.choice([0, 1000]) if convicted else 0,
                )
            )
        cases.append(CaseSpec(reported, rng.random() < 0.6, rng.random() < 0.5, suspects))
    return cases


def seed_world(judge: User, prosecutor: User) -> dict[str, Any]:
    """Write the specs to the database; return the specs to count from."""
    victims, cases = victim_specs(), case_specs()
    persons: dict[int, Person] = {}
    for spec in victims:
        person = persons.get(spec.person) or Person.objects.create(
            sex=spec.sex,
            birth_year=spec.birth_year,
            nationality=spec.nationality,
            recorded_by_agency=Agency.objects.get(code=spec.agency),
        )
        persons[spec.person] = person
        case = VictimCase.objects.create(
            person=person,
            owning_agency=person.recorded_by_agency,
            stage=Stage.IDENTIFIED if spec.identified else Stage.PRESUMED_VICTIM,
            reflection_period_start=spec.presumed,
            identified_on=spec.identified,
            opened_at=timezone.make_aware(
                datetime.datetime.combine(spec.presumed, datetime.time(9))
            ),
        )
        if spec.forms:
            Exploitation.objects.create(case=case, forms=spec.forms)
    provision = LegalProvision.objects.order_by("code").first()
    assert provision is not None
    police = Agency.objects.get(code="police")
    for spec in cases:
        case = CriminalCase.objects.create(
            owning_agency=police,
            reported_on=spec.reported,
            is_sex_trafficking=spec.sex_trafficking,
            is_labour_trafficking=spec.labour_trafficking,
        )
        case.provisions.set([provision])
        for suspect_spec in spec.suspects:
            person = Person.objects.create(
                sex=suspect_spec.sex,
                nationality=suspect_spec.nationality,
                recorded_by_agency=police,
            )
            suspect = Suspect.objects.create(
                case=case, person=person, is_official=suspect_spec.is_official
            )
            if suspect_spec.charged is None:
                continue
            charge = Charge.objects.create(
                case=case,
                suspect=suspect,
                provision=provision,
                filed_on=suspect_spec.charged,
                filed_by=prosecutor,
            )
            if suspect_spec.convicted:
                CourtDecision.objects.create(
                    charge=charge,
                    court=Agency.objects.get(code="court"),
                    outcome="convicted",
                    decided_on=suspect_spec.convicted,
                    decided_by=judge,
                    is_final=True,
                    assets_confiscated=Decimal(suspect_spec.assets),
                )
    for number in range(30):
        Screening.objects.create(
            screener=judge,
            agency=Agency.objects.get(code=AGENCIES[number % 4]),
            indicator_list="adult_labour",
            outcome="presumed_victim" if number % 3 == 0 else "not_indicated",
            status="completed",
            completed_at=timezone.make_aware(datetime.datetime(YEAR, 1 + number % 12, 5, 10)),
        )
    return {"victims": victims, "cases": cases}
