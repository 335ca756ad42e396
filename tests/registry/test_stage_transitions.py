"""A victim case moves through the referral stages only in the order the mechanism allows."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from palermo.accounts.models import User
from palermo.registry.models import Person, Stage, StageTransition, VictimCase
from palermo.registry.models.case import NEXT_STAGES

ALLOWED = sorted((a, b) for a, targets in NEXT_STAGES.items() for b in targets)
REFUSED = sorted((a, b) for a in Stage.values for b in Stage.values if b not in NEXT_STAGES[a])


def case_at(stage: str, worker: User) -> VictimCase:
    person = Person.objects.create(given_name="A", recorded_by_agency=worker.agency)
    return VictimCase.objects.create(
        person=person, owning_agency=worker.agency, opened_by=worker, stage=stage
    )


def details_for(stage: str, worker: User) -> dict[str, Any]:
    if stage == Stage.IDENTIFIED:
        return {"competent_authority": worker.agency, "decision": "Identified."}
    return {}


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_moves_are_recorded_with_who_when_and_why(
    current: str, target: str, worker: User
) -> None:
    case = case_at(current, worker)

    case.move_to(target, worker, "Because.", **details_for(target, worker))

    case.refresh_from_db()
    assert case.stage == target
    transition = StageTransition.objects.get(case=case)
    assert (transition.from_stage, transition.to_stage, transition.by, transition.reason) == (
        current,
        target,
        worker,
        "Because.",
    )


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_other_moves_are_refused_with_a_clear_message(
    current: str, target: str, worker: User
) -> None:
    case = case_at(current, worker)

    with pytest.raises(ValidationError, match="cannot move to"):
        case.move_to(target, worker, "Because.", **details_for(target, worker))

    case.refresh_from_db()
    assert case.stage == current
    assert not StageTransition.objects.filter(case=case).exists()


def test_a_move_needs_a_reason(worker: User) -> None:
    case = case_at(Stage.REFERRED, worker)
    with pytest.raises(ValidationError, match="why"):
        case.move_to(Stage.SCREENING, worker, "  ")


def test_presumed_victims_get_a_reflection_period_of_thirty_days_by_default(worker: User) -> None:
    case = case_at(Stage.SCREENING, worker)

    case.move_to(Stage.PRESUMED_VICTIM, worker, "Indicators present.")

    assert case.reflection_period_start is not None
    assert case.reflection_period_end is not None
    assert (case.reflection_period_end - case.reflection_period_start).days == 30


def test_a_reflection_period_cannot_end_before_it_starts(worker: User) -> None:
    case = case_at(Stage.SCREENING, worker)
    with pytest.raises(ValidationError, match="reflection period"):
        case.move_to(
            Stage.PRESUMED_VICTIM,
            worker,
            "x",
            reflection_period_start=datetime.date(2026, 5, 1),
            reflection_period_end=datetime.date(2026, 4, 1),
        )


def test_formal_identification_needs_the_authority_and_its_decision(worker: User) -> None:
    case = case_at(Stage.PRESUMED_VICTIM, worker)
    with pytest.raises(ValidationError, match="competent authority"):
        case.move_to(Stage.IDENTIFIED, worker, "x")
    assert VictimCase.objects.get(pk=case.pk).stage == Stage.PRESUMED_VICTIM


def test_every_move_is_in_the_audit_trail(worker: User) -> None:
    from palermo.audit.models import AuditEntry

    case = case_at(Stage.REFERRED, worker)
    case.move_to(Stage.SCREENING, worker, "Interview.")

    entry = AuditEntry.objects.get(action="transition", object_ref=case.reference)
    transition = StageTransition.objects.get(case=case)
    assert entry.changes == {
        "stage": ["referred", "screening"],
        "reason_of": transition.audit_ref,
    }
    assert entry.reason == ""
