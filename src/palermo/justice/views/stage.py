"""Moving a criminal case to its next stage: send to prosecution, submit to court, decide,
appeal, close. Who may move it depends on where it is (see CriminalCase.may_be_moved_by)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.acting import acting_user
from palermo.conflicts import Conflict
from palermo.justice import refusals
from palermo.justice.access import criminal_case_for
from palermo.justice.forms import MoveForm
from palermo.justice.views.common import back_to_case, carried_out, refuse
from palermo.justice.views.detail import render_case_file
from palermo.registry.views.common import message_of


@login_required
@require_POST
def case_move(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    try:
        # Moved meanwhile (a colleague, or this same form sent twice): 409, never a second move.
        case.check_still_at(request.POST.get("from_stage"))
    except Conflict as error:
        messages.error(request, message_of(error))
        response = render_case_file(request, case)
        response.status_code = 409
        return response
    if not case.may_be_moved_by(user):
        return refuse(request, str(refusals.MOVE), case)
    form = MoveForm(request.POST, case=case)
    if carried_out(form, lambda: form.move(user)):
        messages.success(request, _("The case moved to its next stage."))
        return back_to_case(case, "timeline")
    case.refresh_from_db()  # a refused move may have set an agency on the object in memory
    return render_case_file(request, case, move=form)
