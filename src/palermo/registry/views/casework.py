"""Assigning and transferring a case, its notes and its care plan, from the case file.

Assignment and the care plan are the owning agency's (`victim_case_to_manage`); a note may be
written by any case worker who may act on the case (`victim_case_to_act_on`)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.registry.access import victim_case_to_manage
from palermo.registry.casework_forms import AssignForm, NoteForm, TaskForm
from palermo.registry.models import CarePlanTask, VictimCase
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on, message_of


@login_required
@require_http_methods(["POST"])
def assign_case(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = victim_case_to_manage(user, reference)
    form = AssignForm(request.POST, case=case)
    if not saved(form, lambda: form.save_for(user)):
        return render_case_file(request, case, status=400, bound={"assign": form})
    messages.success(request, _("The case is assigned."))
    return back_to_case(case, "casework")


@login_required
@require_http_methods(["POST"])
def write_note(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    form = NoteForm(request.POST)
    if not saved(form, lambda: form.save_for(case, acting_user(request))):
        return render_case_file(request, case, status=400, bound={"note": form})
    messages.success(request, _("The note is saved."))
    return back_to_case(case, "notes")


@login_required
@require_http_methods(["POST"])
def plan_task(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = victim_case_to_manage(user, reference)
    form = TaskForm(request.POST, case=case)
    if not saved(form, lambda: form.save_for(case, user)):
        return render_case_file(request, case, status=400, bound={"task": form})
    messages.success(request, _("The task is added to the care plan."))
    return back_to_case(case, "care-plan")


@login_required
@require_http_methods(["POST"])
def complete_task(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = victim_case_to_manage(user, reference)
    task = case_task(case, pk)
    try:
        task.mark_done(user)
    except ValidationError as error:
        messages.error(request, message_of(error))
        return render_case_file(request, case, status=400)
    messages.success(request, _("The task is done."))
    return back_to_case(case, "care-plan")


def case_task(case: VictimCase, pk: int) -> CarePlanTask:
    task = case.care_plan.filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def saved(form: forms.Form, save: Callable[[], object]) -> bool:
    """Validate, then save; a rule the model refuses becomes the form's error."""
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        form.add_error(None, message_of(error))
        return False
    return True
