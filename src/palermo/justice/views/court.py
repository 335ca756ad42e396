"""Charges filed by the prosecution; decisions, sentences and appeals recorded by the court."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.justice.access import criminal_case_for
from palermo.justice.forms import AppealForm, AppealOutcomeForm, ChargeForm, CourtDecisionForm
from palermo.justice.models import CourtDecision
from palermo.justice.models.court import Appeal, Charge
from palermo.justice.views.common import acting_user, back_to_case, carried_out, refuse
from palermo.justice.views.detail import render_case_file


@login_required
@require_POST
def charge_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_prosecuted_by(user):
        message = _("Only prosecutors of the office the case was sent to file charges.")
        return refuse(request, message, case)
    form = ChargeForm(request.POST, case=case)
    if carried_out(
        form,
        lambda: Charge.file(
            case, form.cleaned_data["suspect"], form.cleaned_data["provision"], user
        ),
    ):
        messages.success(request, _("Charge filed."))
        return back_to_case(case, "charges")
    return render_case_file(request, case, charge=form)


@login_required
@require_POST
def decision_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_judged_by(user):
        message = _("Only judicial officers of the court the case was submitted to decide it.")
        return refuse(request, message, case)
    form = CourtDecisionForm(request.POST, case=case)
    if carried_out(
        form,
        lambda: CourtDecision.record(
            form.cleaned_data["charge"],
            user,
            form.cleaned_data["outcome"],
            form.cleaned_data["decided_on"],
            is_final=form.cleaned_data["is_final"],
            sentence=form.sentence(),
        ),
    ):
        messages.success(request, _("Court decision recorded."))
        return back_to_case(case, "decisions")
    return render_case_file(request, case, decision=form)


@login_required
@require_POST
def appeal_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_judged_by(user):
        message = _("Only judicial officers of the court the case was submitted to record appeals.")
        return refuse(request, message, case)
    form = AppealForm(request.POST, case=case)
    if carried_out(
        form,
        lambda: Appeal.file(
            form.cleaned_data["decision"],
            user,
            form.cleaned_data["filed_on"],
            form.cleaned_data["by_party"],
        ),
    ):
        messages.success(request, _("Appeal recorded."))
        return back_to_case(case, "appeals")
    return render_case_file(request, case, appeal=form)


@login_required
@require_POST
def appeal_decide(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    appeal = get_object_or_404(Appeal, pk=pk, decision__charge__case=case)
    if not case.is_judged_by(user):
        message = _("Only judicial officers of the court the case was submitted to record appeals.")
        return refuse(request, message, case)
    form = AppealOutcomeForm(request.POST, pk=appeal.pk)
    if carried_out(
        form,
        lambda: appeal.decide(user, form.cleaned_data["outcome"], form.cleaned_data["decided_on"]),
    ):
        messages.success(request, _("Appeal outcome recorded."))
        return back_to_case(case, "appeals")
    return render_case_file(request, case, **{f"appeal-{appeal.pk}": form})
