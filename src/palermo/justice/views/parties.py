"""The people in a criminal case: suspects, and links to the victims' own case files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.acting import acting_user
from palermo.justice import refusals
from palermo.justice.access import criminal_case_for
from palermo.justice.forms import SuspectForm, VictimLinkForm
from palermo.justice.views.common import back_to_case, carried_out, refuse
from palermo.justice.views.detail import render_case_file


@login_required
@require_POST
def suspect_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_investigated_by(user):
        return refuse(request, str(refusals.ADD_SUSPECT), case)
    form = SuspectForm(request.POST, user=user)
    if carried_out(form, lambda: form.record_on(case, user)):
        messages.success(request, _("Suspect added."))
        return back_to_case(case, "suspects")
    return render_case_file(request, case, suspect=form)


@login_required
@require_POST
def victim_link_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.is_investigated_by(user):
        return refuse(request, str(refusals.LINK_VICTIM), case)
    form = VictimLinkForm(request.POST)
    if carried_out(form, lambda: form.link_to(case, user)):
        messages.success(request, _("Victim case linked."))
        return back_to_case(case, "victims")
    return render_case_file(request, case, link=form)
