"""A synthetic jurisdiction for the demo: generated in code from a fixed seed, never real people."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from palermo.accounts.models import Agency, RoleAssignment, User
from palermo.accounts.roles import AgencyKind, Role
from palermo.audit.log import recording_in_bulk
from palermo.jurisdiction.packs import load_pack
from palermo.registry.models import Person, Stage, StageTransition, VictimCase

DEMO_PASSWORD = "palermo-demo-2026"  # noqa: S105  (synthetic demo accounts only)
YEARS = 5

# Who the demo users are: username, the kind of agency they work at, their roles.
DEMO_USERS: list[tuple[str, str, list[str]]] = [
    ("screener", AgencyKind.POLICE, [Role.SCREENER]),
    ("investigator", AgencyKind.POLICE, [Role.INVESTIGATOR, Role.SCREENER]),
    ("caseworker", AgencyKind.SOCIAL_WELFARE, [Role.CASE_WORKER, Role.SCREENER]),
    ("ngo", AgencyKind.NGO, [Role.CASE_WORKER]),
    ("labour", AgencyKind.LABOUR, [Role.SCREENER]),
    ("hotline", AgencyKind.HOTLINE, [Role.SCREENER]),
    ("prosecutor", AgencyKind.PROSECUTION, [Role.PROSECUTOR]),
    ("judge", AgencyKind.COURT, [Role.JUDICIAL_OFFICER]),
    ("analyst", AgencyKind.SECRETARIAT, [Role.ANALYST]),
    ("auditor", AgencyKind.SECRETARIAT, [Role.AUDITOR]),
    ("reviewer", AgencyKind.SECRETARIAT, [Role.LINKAGE_REVIEWER]),
    ("admin", AgencyKind.SECRETARIAT, [Role.ADMINISTRATOR]),
]

LOCALES = ["zh_CN", "zh_TW", "vi_VN", "en_PH", "id_ID", "th_TH", "ru_RU", "uk_UA", "pt_PT"]
NATIONALITY = {
    "zh_CN": "CN",
    "zh_TW": "TW",
    "vi_VN": "VN",
    "en_PH": "PH",
    "id_ID": "ID",
    "th_TH": "TH",
    "ru_RU": "RU",
    "uk_UA": "UA",
    "pt_PT": "PT",
}
# The path most cases take; each case stops somewhere along it (or leaves it, see below).
MAIN_PATH = [
    Stage.SCREENING,
    Stage.PRESUMED_VICTIM,
    Stage.IDENTIFIED,
    Stage.ASSISTANCE,
    Stage.RESIDENCE,
    Stage.CLOSED,
]


@dataclass
class DemoWorld:
    rng: random.Random
    fake: Faker
    agencies: dict[str, Agency]
    users: dict[str, User]
    today: datetime.date


def demo_is_seeded() -> bool:
    return User.objects.filter(username="caseworker").exists()


@transaction.atomic
def seed_demo(pack: str = "macao", persons: int = 300, seed: int = 2008) -> DemoWorld:
    load_pack(pack)
    Faker.seed(seed)
    world = DemoWorld(
        rng=random.Random(seed),
        fake=Faker(LOCALES),
        agencies=_agencies_by_kind(),
        users={},
        today=timezone.localdate(),
    )
    world.users = _create_users(world)
    from palermo.core.demo_justice import seed_criminal_cases
    from palermo.core.demo_registry import seed_victim_cases
    from palermo.core.demo_screening import seed_screenings

    # Thousands of events in one transaction: written in batches, not one head update each.
    with recording_in_bulk():
        cases = seed_victim_cases(world, persons)
        seed_criminal_cases(world, cases)
        seed_screenings(world)
        from palermo.core.demo_history import date_the_history

        date_the_history(world)
        from palermo.core.demo_committee import seed_committee

        seed_committee(world)
    return world


def _agencies_by_kind() -> dict[str, Agency]:
    by_kind: dict[str, Agency] = {}
    for agency in Agency.objects.filter(jurisdiction__is_active=True).order_by("pk"):
        by_kind.setdefault(agency.kind, agency)
    return by_kind


def _create_users(world: DemoWorld) -> dict[str, User]:
    # One (deliberately slow) password hash for the shared, published demo password, not twelve.
    hashed = make_password(DEMO_PASSWORD)
    users = {}
    for username, kind, roles in DEMO_USERS:
        user = User(
            username=username,
            agency=world.agencies[kind],
            is_staff=Role.ADMINISTRATOR in roles,
            password=hashed,
        )
        user.save()
        RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=r) for r in roles)
        users[username] = user
    return users


def random_day_in_last_years(world: DemoWorld) -> datetime.date:
    return world.today - datetime.timedelta(days=world.rng.randrange(30, 365 * YEARS))


def synthetic_person(world: DemoWorld, agency: Agency) -> Person:
    person = unsaved_synthetic_person(world, agency)
    person.save()
    return person


def unsaved_synthetic_person(world: DemoWorld, agency: Agency) -> Person:
    """A synthetic person, not yet saved (bulk seeding saves a batch at once)."""
    locale = world.rng.choice(LOCALES)
    fake = world.fake[locale]
    sex = world.rng.choice(["female", "female", "male", "other"] if locale != "pt_PT" else ["male"])
    birth_year = world.today.year - world.rng.randint(12, 55)
    return Person(
        given_name=fake.first_name_female() if sex == "female" else fake.first_name_male(),
        family_name=fake.last_name(),
        aliases=[fake.first_name()] if world.rng.random() < 0.3 else [],
        date_of_birth=f"{birth_year}-{world.rng.randint(1, 12):02d}",
        document_numbers=[{"kind": "passport", "number": fake.bothify("??#######").upper()}],
        phones=[fake.numerify("+853 6### ####")],
        sex=sex,
        birth_year=birth_year,
        nationality=NATIONALITY[locale],
        recorded_by_agency=agency,
    )


def backdate_transitions(case: VictimCase, opened: datetime.date) -> None:
    """Spread a case's history over the days after it opened (the demo covers five years)."""
    moment = datetime.datetime.combine(opened, datetime.time(9), tzinfo=datetime.UTC)
    last = moment
    for step, transition in enumerate(case.transitions.order_by("pk"), start=1):
        last = moment + datetime.timedelta(days=7 * step)
        StageTransition.objects.filter(pk=transition.pk).update(at=last)
    # The list's "days in stage" and "last activity" follow the backdated history.
    VictimCase.objects.filter(pk=case.pk).update(
        opened_at=moment, stage_since=last, last_activity_at=last
    )
