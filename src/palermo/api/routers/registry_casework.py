"""A case's day-to-day work through the API: assignment (and transfer), notes, the care plan,
and the caller's own notifications.

Each operation loads the case as the page does (`victim_case_to_manage` for assignment and the
care plan, `victim_case_to_act_on` for writing a note, `victim_case_for` for reading), validates
with the page's form and acts through the same model method, so rules and audit are the page's."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from palermo.api.errors import as_form_data, check
from palermo.api.lists import chosen_by
from palermo.api.security import caller
from palermo.api.serialise import when
from palermo.core import limits
from palermo.registry.access import (
    notifications_of,
    record_case_read,
    victim_case_for,
    victim_case_to_act_on,
    victim_case_to_manage,
)
from palermo.registry.casework_forms import AssignForm, NoteForm, TaskForm
from palermo.registry.models import CarePlanTask, CaseNote, Notification, VictimCase

router = Router(tags=["case work"])


class AssignmentIn(Schema):
    worker: str = Field(description="The username of a case worker of the owning agency")


@router.put("/victim-cases/{reference}/assignment/", url_name="case_assignment")
def assign_case(request: HttpRequest, reference: str, payload: AssignmentIn) -> dict[str, Any]:
    """Assign the case, or transfer it to another worker (422 if it is already theirs)."""
    user = caller(request)
    case = victim_case_to_manage(user, reference)
    form = chosen_by(AssignForm(as_form_data(payload), case=case, prefix=None), worker="username")
    check(form)
    form.save_for(user)
    return assignment_detail(case)


def assignment_detail(case: VictimCase) -> dict[str, Any]:
    return {
        "case": case.reference,
        "assigned_to": case.assigned_to.get_username() if case.assigned_to else None,
    }


class NoteIn(Schema):
    text: str = Field(max_length=limits.NOTE)


@router.get("/victim-cases/{reference}/notes/", url_name="case_notes")
def notes(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    """The case's notes, newest first (a read of personal text: audited)."""
    user = caller(request)
    case = victim_case_for(user, reference)
    record_case_read(user, case, object_type="case_notes")
    return [note_detail(note) for note in case.notes.select_related("written_by")[:200]]


@router.post(
    "/victim-cases/{reference}/notes/", url_name="case_notes", response={201: dict[str, Any]}
)
def write_note(request: HttpRequest, reference: str, payload: NoteIn) -> Status[Any]:
    user = caller(request)
    case = victim_case_to_act_on(user, reference)
    form = NoteForm(as_form_data(payload), prefix=None)
    check(form)
    return Status(201, note_detail(form.save_for(case, user)))


def note_detail(note: CaseNote) -> dict[str, Any]:
    return {
        "id": note.pk,
        "text": note.text,
        "written_by": note.written_by.get_username(),
        "written_at": note.written_at.isoformat(),
    }


class TaskIn(Schema):
    description: str = Field(max_length=limits.REASON)
    due_on: datetime.date
    assigned_to: str | None = Field(None, description="A username in the owning agency")


@router.post(
    "/victim-cases/{reference}/care-plan/", url_name="care_plan", response={201: dict[str, Any]}
)
def plan_task(request: HttpRequest, reference: str, payload: TaskIn) -> Status[Any]:
    user = caller(request)
    case = victim_case_to_manage(user, reference)
    form = chosen_by(
        TaskForm(as_form_data(payload), case=case, prefix=None), assigned_to="username"
    )
    check(form)
    return Status(201, task_detail(form.save_for(case, user)))


@router.post("/victim-cases/{reference}/care-plan/{pk}/done/", url_name="care_plan_done")
def complete_task(request: HttpRequest, reference: str, pk: int) -> dict[str, Any]:
    """Mark the task done (422 if it already is)."""
    user = caller(request)
    case = victim_case_to_manage(user, reference)
    task = case.care_plan.filter(pk=pk).first()
    if task is None:
        raise Http404
    task.mark_done(user)
    return task_detail(task)


def task_detail(task: CarePlanTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "description": task.description,
        "due_on": when(task.due_on),
        "assigned_to": task.assigned_to.get_username() if task.assigned_to else None,
        "done_at": task.done_at.isoformat() if task.done_at else None,
    }


@router.get("/notifications/", url_name="notifications")
def notifications(request: HttpRequest, unread: bool = False) -> list[dict[str, Any]]:
    """The caller's own notifications, newest first (the latest 200)."""
    mine = notifications_of(caller(request)).order_by("-created_at", "-pk")
    if unread:
        mine = mine.filter(read_at__isnull=True)
    return [notification_detail(n) for n in mine[:200]]


@router.post("/notifications/{pk}/read/", url_name="notification_read")
def mark_read(request: HttpRequest, pk: int) -> dict[str, Any]:
    notification = notifications_of(caller(request)).filter(pk=pk).first()
    if notification is None:
        raise Http404
    notification.mark_read()
    return notification_detail(notification)


def notification_detail(notification: Notification) -> dict[str, Any]:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "case": notification.case.reference,
        "created_at": notification.created_at.isoformat(),
        "read_at": notification.read_at.isoformat() if notification.read_at else None,
    }
