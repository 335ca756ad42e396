"""Seed persons, dump the raw database, and look for their personal data in clear."""

import os
import shutil
import subprocess
from collections.abc import Callable

import pytest
from django.db import connection
from faker import Faker

from palermo.accounts.models import Agency, User
from palermo.registry.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def seed_persons(make_user: Callable[..., User], count: int = 25) -> list[dict[str, str]]:
    agency = make_user("seeder", "welfare", "case_worker").agency
    fake = Faker(["vi_VN", "ru_RU", "pt_PT"])
    Faker.seed(6)
    secrets_in_clear = []
    for _ in range(count):
        values = {
            # Suffixed like the family name: a bare three-letter name ("Gil") turns up by chance
            # in a megabyte of ciphertext about one run in ten, and would fail the test for nothing.
            "given": fake.first_name() + fake.bothify("##"),
            "family": fake.last_name() + fake.bothify("##"),
            "document": fake.bothify("??########").upper(),
            "phone": fake.numerify("+853 6###-####"),
        }
        Person.objects.create(
            given_name=values["given"],
            family_name=values["family"],
            document_numbers=[{"kind": "passport", "number": values["document"]}],
            phones=[values["phone"]],
            narrative=f"Met {values['given']} at the border.",
            recorded_by_agency=agency,
        )
        secrets_in_clear.append(values)
    return secrets_in_clear


def raw_database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return bytes(connection.connection.serialize())
    if connection.vendor == "postgresql":
        if shutil.which("pg_dump") is None:
            pytest.fail("pg_dump is needed to inspect the PostgreSQL database")
        params = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
        return subprocess.run(
            [
                "pg_dump",
                "-h",
                params["HOST"] or "127.0.0.1",
                "-p",
                str(params["PORT"] or 5432),
                "-U",
                params["USER"] or "postgres",
                params["NAME"],
            ],
            check=True,
            capture_output=True,
            env=env,
        ).stdout
    pytest.fail(f"no raw dump for {connection.vendor}")


def test_no_seeded_name_document_or_phone_appears_in_clear(make_user: Callable[..., User]) -> None:
    seeded = seed_persons(make_user)
    dump = raw_database_bytes()

    assert len(dump) > 10_000
    leaked = [value for person in seeded for value in person.values() if value.encode() in dump]
    assert leaked == []


def test_the_values_still_read_back_through_the_model(make_user: Callable[..., User]) -> None:
    seeded = seed_persons(make_user, count=3)

    names = {(p.given_name, p.family_name) for p in Person.objects.all()}

    assert names == {(s["given"], s["family"]) for s in seeded}


def test_the_dump_check_would_see_a_clear_value(make_user: Callable[..., User]) -> None:
    """The detector itself works: a value stored in a clear column is found in the dump."""

    Agency.objects.filter(code="welfare").update(name="Canary Zebra 12345")

    assert b"Canary Zebra 12345" in raw_database_bytes()
