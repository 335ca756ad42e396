"""The duplicate check over a large registry: how long it takes, how many queries it makes and how
many values it decrypts, for a person entered again among N synthetic persons (PostgreSQL).

    .venv/bin/python bench/duplicates.py --persons 50000

Prints wall and CPU time (best of 3) per probe. The claim it checks: the cost does not grow with
the registry, and only the few candidates sharing keys are decrypted (docs/duplicates.md)."""

import argparse
import os
import random
import time
from unittest import mock

import psycopg

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
BATCH = 2000
GIVEN = ["Thi Lan", "Thi Hoa", "Van Minh", "Mei", "Siu Ming", "Ana", "Maria", "Iryna", "Siti"]
FAMILY = ["Nguyen", "Tran", "Pham", "Chan", "Wong", "Santos", "Reyes", "Ivanova", "Lim", "Costa"]
NATIONALITIES = ["VN", "CN", "PH", "UA", "ID", "TH"]
PROBES = [
    ("Nguyen", "Thi Lan", "female", 24, "VN"),  # a very common name in the seeded registry
    ("Zelinda", "Quarrington", "female", 30, "PT"),  # a rare one, seeded once
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=50_000)
    options = parser.parse_args()
    host = os.environ.get("PALERMO_PG_HOST", "127.0.0.1")
    admin_url = f"postgres://postgres@{host}:5432/postgres"
    name = f"palermo_bench_dup_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    os.environ["PALERMO_DATABASE_URL"] = f"postgres://postgres@{host}:5432/{name}"
    try:
        _run(options.persons)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _run(persons: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from palermo.accounts.models import Agency, RoleAssignment, User
    from palermo.jurisdiction.packs import load_pack
    from palermo.privacy import fields
    from palermo.registry.duplicates import likely_matches

    call_command("migrate", verbosity=0)
    load_pack("generic")
    police = Agency.objects.get(code="police")
    user = User.objects.create_user("bench-screener", agency=police)
    RoleAssignment.objects.create(user=user, role="screener")
    started = time.perf_counter()
    _seed(persons, police)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would, after a bulk load
    print(f"seeded {persons:,} persons in {time.perf_counter() - started:.0f} s")
    for given, family, sex, age, nationality in PROBES:
        details = {
            "given_name": given,
            "family_name": family,
            "sex": sex,
            "estimated_age": age,
            "nationality": nationality,
        }
        walls, cpus = [], []
        for _attempt in range(3):
            wall, cpu = time.perf_counter(), time.process_time()
            with (
                CaptureQueriesContext(connection) as queries,
                mock.patch.object(
                    fields.cipher, "decrypt", side_effect=fields.cipher.decrypt
                ) as decrypt,
            ):
                found = likely_matches(user, details)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        print(
            f"{given} {family}: {len(found)} likely, {decrypt.call_count} values decrypted, "
            f"{len(queries)} queries, wall {min(walls) * 1000:.0f} ms, "
            f"CPU {min(cpus) * 1000:.0f} ms (best of 3); slowest query "
            f"{float(slowest['time']) * 1000:.0f} ms: {slowest['sql'][:70]}…"
        )
        if os.environ.get("BENCH_EXPLAIN"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))


def _seed(persons: int, agency: object) -> None:
    from palermo.privacy.blind_index import blind_index, normalise_name
    from palermo.registry.models import Person, PersonSearchKey
    from palermo.registry.models.person import NAME, name_key_digests

    rng = random.Random(13)
    for first in range(0, persons, BATCH):
        size = min(BATCH, persons - first)
        people = [
            Person(
                given_name=rng.choice(GIVEN),
                family_name=rng.choice(FAMILY),
                sex=rng.choice(["female", "male"]),
                birth_year=rng.randint(1970, 2008),
                nationality=rng.choice(NATIONALITIES),
                recorded_by_agency=agency,
            )
            for _ in range(size)
        ]
        if first == 0:
            people[0].given_name, people[0].family_name = "Quarrington", "Zelinda"
            people[0].birth_year, people[0].nationality = 1996, "PT"
        created = Person.objects.bulk_create(people)
        keys = []
        for person in created:
            name = person.full_name()
            digests = name_key_digests(name, person.nationality)
            digests.add((NAME, blind_index(NAME, normalise_name(name))))
            keys += [PersonSearchKey(person=person, kind=k, digest=d) for k, d in digests]
        PersonSearchKey.objects.bulk_create(keys)


if __name__ == "__main__":
    main()
