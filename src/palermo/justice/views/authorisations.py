"""Judicial authorisations: investigators request a measure, the court grants or refuses it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.acting import acting_user
from palermo.justice import refusals
from palermo.justice.access import authorisation_for, criminal_case_for
from palermo.justice.forms import AuthorisationDecisionForm, AuthorisationRequestForm
from palermo.justice.views.common import back_to_case, carried_out, refuse
from palermo.justice.views.detail import render_case_file


@login_required
@require_POST
def authorisation_request(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_investigated_by(user):
        return refuse(request, str(refusals.REQUEST_AUTHORISATION), case)
    form = AuthorisationRequestForm(request.POST)
    if carried_out(form, lambda: form.request_for(case, user)):
        messages.success(request, _("Authorisation requested from the court."))
        return back_to_case(case, "authorisations")
    return render_case_file(request, case, authorisation=form)


@login_required
@require_POST
def authorisation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    authorisation = authorisation_for(user, pk)
    case = criminal_case_for(user, authorisation.case.reference)
    if not authorisation.may_be_decided_by(user):
        return refuse(request, str(refusals.DECIDE_AUTHORISATION), case)
    form = AuthorisationDecisionForm(request.POST, pk=authorisation.pk)
    if carried_out(form, lambda: form.decide(authorisation, user)):
        messages.success(request, _("Decision on the authorisation recorded."))
        return back_to_case(case, "authorisations")
    return render_case_file(request, case, **{f"decide-{authorisation.pk}": form})
