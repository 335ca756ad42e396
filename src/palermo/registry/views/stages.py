"""Moving a case to its next stage: the model decides what is allowed and says why not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.conflicts import Conflict
from palermo.registry.forms import move_details, move_form_for
from palermo.registry.models import Stage
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on, message_of


@login_required
@require_http_methods(["POST"])
def move_case(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    if not case.may_be_moved_by(acting_user(request)):
        raise PermissionDenied  # an agency the case was referred to reads it, never moves it
    try:
        # The form says which stage the user saw: a second click, or a colleague's move in
        # between, is refused rather than made from a stage the user did not choose it from.
        case.check_still_at(request.POST.get("from_stage"))
    except Conflict as error:
        return render_case_file(request, case, status=409, move_error=message_of(error))
    stage = request.POST.get("to_stage", "")
    if stage not in Stage.values:
        return render_case_file(
            request, case, status=400, move_error=_("Choose a stage from the list.")
        )
    form = move_form_for(stage, acting_user(request), request.POST)
    if not form.is_valid():
        return render_case_file(request, case, status=400, bound={f"move-{stage}": form})
    try:
        case.move_to(stage, acting_user(request), form.cleaned_data["reason"], **move_details(form))
    except ValidationError as error:
        case.refresh_from_db()  # the refused move may have set details on the instance
        # Moved meanwhile by someone else: 409, and the file shows the stage it is at now.
        status = 409 if isinstance(error, Conflict) else 400
        return render_case_file(request, case, status=status, move_error=message_of(error))
    messages.success(request, _("The case moved to “%(stage)s”.") % {"stage": Stage(stage).label})
    return back_to_case(case, "stages")
