"""Case work through the API: assignment and transfer, notes, the care plan and notifications,
with the pages' rules (owning agency only for assignment and the care plan)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import CarePlanTask, Notification, Referral, VictimCase
from tests.api.program import Headers


def call(
    program: Client, method: str, name: str, args: list[Any], headers: Any, **body: Any
) -> Any:
    send = getattr(program, method)
    return send(
        reverse(f"api:{name}", args=args), body, content_type="application/json", headers=headers
    )


def test_assignment_and_transfer(
    program: Client, case: VictimCase, worker: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    colleague = make_user("colleague", "welfare", "case_worker")

    first = call(
        program, "put", "case_assignment", [case.reference], bearer(worker), worker=worker.username
    )
    second = call(
        program, "put", "case_assignment", [case.reference], bearer(worker), worker="colleague"
    )
    same = call(
        program, "put", "case_assignment", [case.reference], bearer(worker), worker="colleague"
    )

    assert first.json() == {"case": case.reference, "assigned_to": worker.username}
    assert second.json() == {"case": case.reference, "assigned_to": "colleague"}
    assert same.status_code == 422
    assert AuditEntry.objects.filter(action="transfer", object_ref=case.reference).count() == 1
    assert Notification.objects.filter(recipient=colleague).count() == 1


@pytest.mark.parametrize(
    ("agency", "role", "status"),
    [
        ("shelter-ngo", "case_worker", 404),
        ("welfare", "analyst", 404),
        ("health", "case_worker", 403),
    ],
)
def test_only_the_owning_agency_assigns_and_plans(
    program: Client,
    case: VictimCase,
    worker: User,
    bearer: Headers,
    make_user: Callable[..., User],
    agency: str,
    role: str,
    status: int,
) -> None:
    health = make_user("health", "health", "case_worker")
    Referral.send(case, health.agency, "medical", worker).answer(accept=True, by=health)
    caller = health if agency == "health" else make_user("other", agency, role)

    assigned = call(
        program, "put", "case_assignment", [case.reference], bearer(caller), worker=worker.username
    )
    planned = call(
        program,
        "post",
        "care_plan",
        [case.reference],
        bearer(caller),
        description="x",
        due_on="2030-01-01",
    )

    assert assigned.status_code == planned.status_code == status
    assert not CarePlanTask.objects.exists()


def test_notes_are_written_and_read_back_audited(
    program: Client, case: VictimCase, worker: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    outsider = make_user("outsider", "shelter-ngo", "case_worker")

    written = call(
        program, "post", "case_notes", [case.reference], bearer(worker), text="Met at the port"
    )
    read = program.get(reverse("api:case_notes", args=[case.reference]), headers=bearer(worker))
    hidden = program.get(reverse("api:case_notes", args=[case.reference]), headers=bearer(outsider))
    empty = call(program, "post", "case_notes", [case.reference], bearer(worker), text=" ")

    assert written.status_code == 201
    assert [note["text"] for note in read.json()] == ["Met at the port"]
    assert hidden.status_code == 404
    assert empty.status_code == 422
    assert AuditEntry.objects.filter(action="read", object_type="case_notes").exists()


def test_a_task_is_planned_and_done_once(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    planned = call(
        program,
        "post",
        "care_plan",
        [case.reference],
        bearer(worker),
        description="Book a doctor",
        due_on="2030-01-01",
        assigned_to=worker.username,
    )
    task = planned.json()["id"]
    done = call(program, "post", "care_plan_done", [case.reference, task], bearer(worker))
    again = call(program, "post", "care_plan_done", [case.reference, task], bearer(worker))

    assert planned.status_code == 201
    assert planned.json()["assigned_to"] == worker.username
    assert done.json()["done_at"]
    assert again.status_code == 422


def test_notifications_are_the_callers_own(
    program: Client, case: VictimCase, worker: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    receiver = make_user("receiver", "shelter-ngo", "case_worker")
    Referral.send(case, receiver.agency, "shelter", worker)
    mine = program.get(reverse("api:notifications"), {"unread": True}, headers=bearer(receiver))
    pk = mine.json()[0]["id"]

    stolen = call(program, "post", "notification_read", [pk], bearer(worker))
    read = call(program, "post", "notification_read", [pk], bearer(receiver))

    assert mine.json()[0]["kind"] == "referral_received"
    assert stolen.status_code == 404
    assert read.json()["read_at"]
    assert (
        program.get(reverse("api:notifications"), {"unread": True}, headers=bearer(receiver)).json()
        == []
    )
