"""Assignment and transfer, notes and the care plan from the case file; notifications and the
home page's reminders. Each action tried by the owning agency, another agency, an agency the
case was referred to, and a role that does not act on cases."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import (
    CarePlanTask,
    CaseNote,
    Notification,
    NotificationKind,
    Referral,
    Stage,
    VictimCase,
)

NOTE = "Sleeps badly; fears the recruiter in Lisbon"


@pytest.fixture
def receiver(make_user: Callable[..., User]) -> User:
    """A case worker at the health department, which accepts a referral of the case."""
    return make_user("receiver", "health", "case_worker")


@pytest.fixture
def referred_case(consented_case: VictimCase, owner: User, receiver: User) -> VictimCase:
    referral = Referral.send(consented_case, receiver.agency, "shelter", owner)
    referral.answer(accept=True, by=receiver)
    return consented_case


def post(client: Client, user: User, name: str, case: VictimCase, data: dict[str, Any]) -> Any:
    client.force_login(user)
    return client.post(reverse(f"registry:{name}", args=[case.reference]), data)


def test_the_owner_assigns_then_transfers_audited_and_notified(
    client: Client, welfare_case: VictimCase, owner: User, colleague: User
) -> None:
    first = post(client, owner, "case_assign", welfare_case, {"assign-worker": owner.pk})
    second = post(client, owner, "case_assign", welfare_case, {"assign-worker": colleague.pk})

    assert first.status_code == second.status_code == 302
    welfare_case.refresh_from_db()
    assert welfare_case.assigned_to == colleague
    actions = list(
        AuditEntry.objects.filter(object_ref=welfare_case.reference)
        .filter(action__in=["assign", "transfer"])
        .order_by("sequence")
        .values_list("action", "changes")
    )
    assert actions == [
        ("assign", {"assigned_to": [None, owner.pk]}),
        ("transfer", {"assigned_to": [owner.pk, colleague.pk]}),
    ]
    assert Notification.objects.filter(
        recipient=colleague, kind=NotificationKind.CASE_ASSIGNED, case=welfare_case
    ).exists()


def test_a_case_is_not_given_to_a_worker_of_another_agency(
    client: Client, welfare_case: VictimCase, owner: User, receiver: User
) -> None:
    response = post(client, owner, "case_assign", welfare_case, {"assign-worker": receiver.pk})

    assert response.status_code == 400
    welfare_case.refresh_from_db()
    assert welfare_case.assigned_to is None


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("case_assign", {"assign-worker": "OWNER"}),
        ("task_plan", {"task-description": "Book a doctor", "task-due_on": "2030-01-01"}),
    ],
)
@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 404), ("analyst", 404), ("receiver", 403)]
)
def test_only_the_owning_agency_runs_the_case(
    client: Client,
    referred_case: VictimCase,
    owner: User,
    make_user: Callable[..., User],
    request: pytest.FixtureRequest,
    name: str,
    data: dict[str, Any],
    who: str,
    status: int,
) -> None:
    user = (
        make_user("analyst", "welfare", "analyst")
        if who == "analyst"
        else request.getfixturevalue(who)
    )
    data = {key: owner.pk if value == "OWNER" else value for key, value in data.items()}

    response = post(client, user, name, referred_case, data)

    assert response.status_code == status
    referred_case.refresh_from_db()
    assert referred_case.assigned_to is None
    assert not CarePlanTask.objects.exists()


def test_a_note_is_encrypted_and_audited_without_its_text(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    response = post(client, owner, "note_write", welfare_case, {"note-text": NOTE})

    assert response.status_code == 302
    assert CaseNote.objects.get().text == NOTE
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM registry_casenote")
        assert NOTE not in str(cursor.fetchone()[0])
    entry = AuditEntry.objects.get(object_type="case_note")
    assert NOTE not in str(entry.changes)
    client.force_login(owner)
    assert (
        NOTE
        in client.get(
            reverse("registry:case_detail", args=[welfare_case.reference])
        ).content.decode()
    )


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("receiver", 302)])
def test_who_may_write_a_note(
    client: Client, referred_case: VictimCase, request: pytest.FixtureRequest, who: str, status: int
) -> None:
    response = post(
        client, request.getfixturevalue(who), "note_write", referred_case, {"note-text": "x"}
    )

    assert response.status_code == status


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("note_write", {"note-text": "x"}),
        ("case_assign", {"assign-worker": "OWNER"}),
        ("task_plan", {"task-description": "x", "task-due_on": "2030-01-01"}),
    ],
)
def test_a_screener_reads_the_case_they_opened_but_does_no_case_work(
    client: Client,
    welfare_case: VictimCase,
    owner: User,
    make_user: Callable[..., User],
    name: str,
    data: dict[str, Any],
) -> None:
    screener = make_user("screener", "welfare", "screener")
    VictimCase.objects.filter(pk=welfare_case.pk).update(opened_by=screener)
    data = {key: owner.pk if value == "OWNER" else value for key, value in data.items()}

    response = post(client, screener, name, welfare_case, data)

    assert response.status_code == 403
    assert not CaseNote.objects.exists()
    assert not CarePlanTask.objects.exists()


def test_an_empty_note_is_refused_and_nothing_stored(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    response = post(client, owner, "note_write", welfare_case, {"note-text": "   "})

    assert response.status_code == 400
    assert not CaseNote.objects.exists()


def test_a_care_plan_task_is_planned_reminded_and_done(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    due = timezone.localdate() + datetime.timedelta(days=2)
    planned = post(
        client,
        owner,
        "task_plan",
        welfare_case,
        {
            "task-description": "Book a doctor",
            "task-due_on": due.isoformat(),
            "task-assigned_to": owner.pk,
        },
    )
    task = CarePlanTask.objects.get()
    home = client.get(reverse("home"))
    done = client.post(reverse("registry:task_complete", args=[welfare_case.reference, task.pk]))
    again = client.post(reverse("registry:task_complete", args=[welfare_case.reference, task.pk]))

    assert planned.status_code == 302
    assert list(home.context["tasks_due"]) == [task]
    assert done.status_code == 302
    assert again.status_code == 400
    task.refresh_from_db()
    assert task.done_at is not None
    assert not list(client.get(reverse("home")).context["tasks_due"])


def test_a_task_without_a_due_date_is_refused_with_the_field(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    response = post(client, owner, "task_plan", welfare_case, {"task-description": "Call"})

    assert response.status_code == 400
    assert "task-due_on_error" in response.content.decode()
    assert not CarePlanTask.objects.exists()


def test_a_referral_notifies_the_receiving_case_workers(
    client: Client, consented_case: VictimCase, owner: User, receiver: User
) -> None:
    Referral.send(consented_case, receiver.agency, "shelter", owner)
    client.force_login(receiver)

    home = client.get(reverse("home"))
    notification = Notification.objects.get(recipient=receiver)
    read = client.post(reverse("registry:notification_read", args=[notification.pk]))

    assert notification.kind == NotificationKind.REFERRAL_RECEIVED
    assert list(home.context["notifications"]) == [notification]
    assert read.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert not list(client.get(reverse("home")).context["notifications"])


def test_nobody_reads_or_marks_another_persons_notifications(
    client: Client,
    consented_case: VictimCase,
    owner: User,
    receiver: User,
    make_user: Callable[..., User],
) -> None:
    Referral.send(consented_case, receiver.agency, "shelter", owner)
    notification = Notification.objects.get(recipient=receiver)
    nosy = make_user("nosy", "health", "case_worker")
    Notification.objects.filter(recipient=nosy).delete()
    client.force_login(nosy)

    assert (
        client.post(reverse("registry:notification_read", args=[notification.pk])).status_code
        == 404
    )
    assert (
        consented_case.reference
        not in client.get(reverse("registry:notifications")).content.decode()
    )
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_reflection_period_ending_is_notified_once(
    client: Client, welfare_case: VictimCase, owner: User, colleague: User
) -> None:
    VictimCase.objects.filter(pk=welfare_case.pk).update(
        stage=Stage.PRESUMED_VICTIM,
        reflection_period_end=timezone.localdate() + datetime.timedelta(days=3),
    )
    client.force_login(owner)

    client.get(reverse("home"))
    client.get(reverse("home"))

    told = Notification.objects.filter(kind=NotificationKind.REFLECTION_ENDING, case=welfare_case)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["colleague", "owner"]


def test_the_remind_command_says_a_decision_is_due(welfare_case: VictimCase, owner: User) -> None:
    from django.core.management import call_command

    VictimCase.objects.filter(pk=welfare_case.pk).update(
        stage=Stage.PRESUMED_VICTIM,
        assigned_to=owner,
        reflection_period_end=timezone.localdate() - datetime.timedelta(days=1),
    )

    call_command("remind")
    call_command("remind")

    told = Notification.objects.filter(kind=NotificationKind.DECISION_DUE)
    assert list(told.values_list("recipient__username", flat=True)) == ["owner"]
