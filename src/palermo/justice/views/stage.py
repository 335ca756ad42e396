"""Moving a criminal case to its next stage: send to prosecution, submit to court, decide,
appeal, close. Who may move it depends on where it is (see CriminalCase.may_be_moved_by)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.models import User
from palermo.justice.access import criminal_case_for
from palermo.justice.forms import MoveForm
from palermo.justice.models import CriminalCase, CriminalStage, CriminalTransition
from palermo.justice.views.common import acting_user, back_to_case, carried_out, refuse
from palermo.justice.views.detail import render_case_file


@login_required
@require_POST
def case_move(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = criminal_case_for(user, reference)
    if not case.may_be_moved_by(user):
        return refuse(request, _("You can read this case but not move it at this stage."), case)
    form = MoveForm(request.POST, case=case)
    if carried_out(form, lambda: move(case, user, form.cleaned_data)):
        messages.success(request, _("The case moved to its next stage."))
        return back_to_case(case, "timeline")
    case.refresh_from_db()  # a refused move may have set an agency on the object in memory
    return render_case_file(request, case, move=form)


def move(case: CriminalCase, by: User, data: dict[str, Any]) -> CriminalTransition:
    stage, reason = data["stage"], data["reason"]
    if stage == CriminalStage.PROSECUTION:
        return case.send_to_prosecution(data.get("prosecution"), by, reason)
    if stage == CriminalStage.TRIAL:
        return case.submit_to_court(data.get("court"), by, reason)
    return case.move_to(stage, by, reason)
