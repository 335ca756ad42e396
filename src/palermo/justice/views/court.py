"""Charges filed by the prosecution; decisions, sentences and appeals recorded by the court."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.acting import acting_user
from palermo.justice import refusals
from palermo.justice.access import criminal_case_for
from palermo.justice.forms import AppealForm, AppealOutcomeForm, ChargeForm, CourtDecisionForm
from palermo.justice.models.court import Appeal
from palermo.justice.views.common import back_to_case, carried_out, refuse
from palermo.justice.views.detail import render_case_file


@login_required
@require_POST
def charge_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_prosecuted_by(user):
        return refuse(request, str(refusals.FILE_CHARGE), case)
    form = ChargeForm(request.POST, case=case)
    if carried_out(form, lambda: form.file(user)):
        messages.success(request, _("Charge filed."))
        return back_to_case(case, "charges")
    return render_case_file(request, case, charge=form)


@login_required
@require_POST
def decision_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_judged_by(user):
        return refuse(request, str(refusals.DECIDE), case)
    form = CourtDecisionForm(request.POST, case=case)
    if carried_out(form, lambda: form.record(user)):
        messages.success(request, _("Court decision recorded."))
        return back_to_case(case, "decisions")
    return render_case_file(request, case, decision=form)


@login_required
@require_POST
def appeal_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_judged_by(user):
        return refuse(request, str(refusals.RECORD_APPEAL), case)
    form = AppealForm(request.POST, case=case)
    if carried_out(form, lambda: form.file(user)):
        messages.success(request, _("Appeal recorded."))
        return back_to_case(case, "appeals")
    return render_case_file(request, case, appeal=form)


@login_required
@require_POST
def appeal_decide(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    # Refuse before looking the appeal up: a court asked only for an authorisation must not
    # learn from 404 or 403 whether an appeal exists.
    if not case.is_judged_by(user):
        return refuse(request, str(refusals.RECORD_APPEAL), case)
    appeal = get_object_or_404(Appeal, pk=pk, decision__charge__case=case)
    form = AppealOutcomeForm(request.POST, pk=appeal.pk)
    if carried_out(form, lambda: form.decide(appeal, user)):
        messages.success(request, _("Appeal outcome recorded."))
        return back_to_case(case, "appeals")
    return render_case_file(request, case, **{f"appeal-{appeal.pk}": form})
