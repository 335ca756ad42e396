"""Fast seeding for `bench/api.py`: N victim cases (with persons, encrypted and blind-indexed),
some referred to a second agency, and N/6 criminal cases, in bulk inserts of a few thousand.

Run inside the bench's environment (DJANGO_SETTINGS_MODULE set); prints the tokens and
references the load uses as one JSON line."""

import datetime
import json
import random
import sys

import django
from tqdm import tqdm

BATCH = 2000
GIVEN = ["Mei", "Lan", "Hoa", "Thu", "Anh", "Rosa", "Ana", "Olga", "Iryna", "Siti", "Nok", "Maria"]
FAMILY = ["Chan", "Wong", "Nguyen", "Tran", "Santos", "Reyes", "Ivanova", "Lee", "Lim", "Costa"]
NEEDLE = ("Zelinda", "Quarrington")  # the one name the search looks for


def seed(n: int) -> dict[str, str]:
    from palermo.accounts.models import Agency, RoleAssignment, User
    from palermo.api.models import ApiToken
    from palermo.jurisdiction.packs import load_pack
    from palermo.justice.models import CriminalCase
    from palermo.privacy.blind_index import blind_index, normalise_name
    from palermo.registry.models import Consent, Person, Referral, VictimCase
    from palermo.registry.models.person import PersonSearchKey

    load_pack("generic")
    welfare, ngo, police = (
        Agency.objects.get(code=c) for c in ("welfare", "shelter-ngo", "police")
    )
    worker = User.objects.create_user("bench-worker", agency=welfare)
    partner = User.objects.create_user("bench-partner", agency=ngo)
    investigator = User.objects.create_user("bench-investigator", agency=police)
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=worker, role="case_worker"),
            RoleAssignment(user=partner, role="case_worker"),
            RoleAssignment(user=investigator, role="investigator"),
        ]
    )
    rng = random.Random(12)
    start = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)
    stages = ["referred", "screening", "presumed_victim", "identified", "assistance", "closed"]
    bar = tqdm(total=n, desc=f"seeding {n} cases", unit="case", disable=None)
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        names = [
            NEEDLE if first + i == n // 2 else (rng.choice(GIVEN), rng.choice(FAMILY))
            for i in range(size)
        ]
        persons = Person.objects.bulk_create(
            Person(
                given_name=given,
                family_name=family,
                sex="female",
                nationality="VN",
                recorded_by_agency=welfare,
            )
            for given, family in names
        )
        PersonSearchKey.objects.bulk_create(
            PersonSearchKey(
                person=person, kind="name", digest=blind_index("name", normalise_name(f"{g} {f}"))
            )
            for person, (g, f) in zip(persons, names, strict=True)
        )
        cases = VictimCase.objects.bulk_create(
            VictimCase(
                person=person,
                owning_agency=welfare if (first + i) % 2 else ngo,
                opened_by=worker if (first + i) % 2 else partner,
                stage=rng.choice(stages),
                opened_at=start + datetime.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60)),
            )
            for i, person in enumerate(persons)
        )
        consents = Consent.objects.bulk_create(
            Consent(case=case, recorded_by=partner, form="written")
            for case in cases
            if case.owning_agency_id == ngo.pk and rng.random() < 0.2
        )
        Referral.objects.bulk_create(
            Referral(
                case=consent.case,
                from_agency=ngo,
                to_agency=welfare,
                service="shelter",
                consent=consent,
                status="accepted",
                sent_by=partner,
            )
            for consent in consents
        )
        CriminalCase.objects.bulk_create(
            CriminalCase(
                owning_agency=police,
                stage="investigation",
                reported_on=(start + datetime.timedelta(days=rng.randrange(5 * 365))).date(),
            )
            for _ in range(size // 6)
        )
        bar.update(size)
    bar.close()
    detail = VictimCase.objects.filter(owning_agency=welfare).order_by("pk")[n // 4]
    Consent.objects.create(case=detail, recorded_by=worker, form="written")
    _, worker_token = ApiToken.issue(worker, "bench", days=1)
    _, police_token = ApiToken.issue(investigator, "bench", days=1)
    return {
        "worker_token": worker_token,
        "police_token": police_token,
        "case": detail.reference,
        "needle": " ".join(NEEDLE),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(seed(int(sys.argv[1]))))
