"""Free text that may name people (reasons, decisions, notes) is encrypted at rest and never
copied into the audit trail: entries point at the encrypted record instead."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.justice.models import CriminalCase
from palermo.privacy.fields import EncryptedTextField
from palermo.privacy.migrating import encrypt_existing
from palermo.registry.models import (
    BreakGlassGrant,
    Consent,
    Person,
    Referral,
    Stage,
    StageTransition,
    VictimCase,
)
from tests.cast import Justice

SECRET = "Told us Ana Quixabeira-Lemos keeps her passport"

FREE_TEXT = [
    ("registry", "StageTransition", "reason"),
    ("registry", "VictimCase", "identification_decision"),
    ("registry", "Referral", "note"),
    ("registry", "BreakGlassGrant", "reason"),
    ("registry", "Service", "notes"),
    ("registry", "Person", "narrative"),
    ("justice", "CriminalTransition", "reason"),
    ("justice", "CriminalCase", "summary"),
    ("justice", "JudicialAuthorisation", "scope"),
    ("screening", "Screening", "notes"),
]


@pytest.mark.parametrize(("app", "model", "field"), FREE_TEXT)
def test_every_free_text_field_is_encrypted_and_bounded(app: str, model: str, field: str) -> None:
    found = apps.get_model(app, model)._meta.get_field(field)
    assert isinstance(found, EncryptedTextField)
    assert found.max_length is not None


def raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608  (test's own names)
        return [row[0] for row in cursor.fetchall()]


def a_case(worker: User, stage: str = Stage.PRESUMED_VICTIM) -> VictimCase:
    person = Person.objects.create(given_name="A", recorded_by_agency=worker.agency)
    return VictimCase.objects.create(
        person=person, owning_agency=worker.agency, opened_by=worker, stage=stage
    )


def no_audit_entry_holds_the_text() -> None:
    for entry in AuditEntry.objects.all():
        assert SECRET not in str(entry.content())


def test_an_identification_and_its_reason_are_encrypted_and_kept_out_of_the_audit(
    worker: User,
) -> None:
    case = a_case(worker)
    transition = case.move_to(
        Stage.IDENTIFIED, worker, SECRET, competent_authority=worker.agency, decision=SECRET
    )

    assert all(SECRET not in value for value in raw("registry_stagetransition", "reason"))
    assert all(
        SECRET not in value for value in raw("registry_victimcase", "identification_decision")
    )
    assert StageTransition.objects.get().reason == SECRET
    entry = AuditEntry.objects.get(action="transition")
    assert entry.changes["reason_of"] == transition.audit_ref
    no_audit_entry_holds_the_text()


def test_a_referral_note_and_an_emergency_reason_are_encrypted(
    worker: User, make_user: Callable[..., User]
) -> None:
    case = a_case(worker)
    Consent.objects.create(case=case, recorded_by=worker, form="written")
    shelter = make_user("ngo", "shelter-ngo", "case_worker")
    Referral.send(case, shelter.agency, "shelter", worker, note=SECRET)
    BreakGlassGrant.open(case, make_user("outsider", "police", "case_worker"), SECRET)

    assert all(SECRET not in value for value in raw("registry_referral", "note"))
    assert all(SECRET not in value for value in raw("registry_breakglassgrant", "reason"))
    no_audit_entry_holds_the_text()


def test_a_criminal_case_move_keeps_its_reason_out_of_the_audit(justice: Justice) -> None:
    case = CriminalCase.open(justice.investigator, SECRET)
    assert case.transitions.get().reason == SECRET

    assert all(SECRET not in value for value in raw("justice_criminaltransition", "reason"))
    no_audit_entry_holds_the_text()


def test_the_migration_step_encrypts_rows_stored_in_clear(worker: User) -> None:
    case = a_case(worker, stage=Stage.REFERRED)
    case.move_to(Stage.SCREENING, worker, "placeholder")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_stagetransition SET reason = %s", [SECRET])

    step = encrypt_existing("registry", "StageTransition", "reason")
    editor: Any = SimpleNamespace(connection=connection)  # all the step uses of a schema editor
    step.code(apps, editor)
    step.code(apps, editor)  # twice is harmless: encrypted values are left alone

    assert raw("registry_stagetransition", "reason")[0].startswith("v1:")
    assert StageTransition.objects.get().reason == SECRET
