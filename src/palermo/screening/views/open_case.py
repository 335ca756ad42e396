"""A presumed victim's screening opens the victim case, records consent and refers, in one step."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.registry.duplicates import PossibleDuplicates, likely_matches
from palermo.screening.access import screening_for
from palermo.screening.forms import NEW_PERSON, PERSON_FIELDS, OpenCaseForm
from palermo.screening.models import Screening
from palermo.screening.services import check_case_may_be_opened
from palermo.screening.views.common import case_url


@login_required
@require_http_methods(["GET", "POST"])
def screening_open_case(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    screening = screening_for(user, reference)
    try:
        check_case_may_be_opened(screening)
    except ValidationError as refusal:
        return refuse(request, screening, refusal)
    form = OpenCaseForm(request.POST or None, user=user)
    matches = None
    if request.method == "POST" and form.is_valid():
        try:
            case = form.open_case_from(screening, user)
        except PossibleDuplicates as found:
            # Nothing written: the user links the case to one of them or confirms a new person.
            matches = found.shown_to_user()
        except ValidationError as error:
            form.add_error(None, error)
            matches = matches_still_to_answer(form, user)
        else:
            messages.success(request, opened_message(form.cleaned_data))
            return redirect(case_url(case))
    context = {"screening": screening, "form": form, "matches": matches, "new_person": NEW_PERSON}
    return render(request, "screening/open_case.html", context)


def matches_still_to_answer(form: OpenCaseForm, user: User) -> list[dict[str, Any]] | None:
    """A new person's reason was refused: the matches it answers stay on the page beside the
    error, so the user need not send the form again to see whom they set aside."""
    if form.cleaned_data.get("existing_person") != NEW_PERSON:
        return None
    details = {name: form.cleaned_data.get(name) for name in PERSON_FIELDS}
    return PossibleDuplicates(likely_matches(user, details)).shown_to_user() or None


def refuse(request: HttpRequest, screening: Screening, refusal: ValidationError) -> HttpResponse:
    if screening.victim_case is not None:
        messages.info(request, refusal.messages[0])
        return redirect(case_url(screening.victim_case))
    messages.error(request, refusal.messages[0])
    return redirect("screening:detail", screening.reference)


def opened_message(cleaned: dict[str, Any]) -> str:
    if cleaned.get("refer_now"):
        return _("The victim case is open at the presumed victim stage, and the referral is sent.")
    return _("The victim case is open at the presumed victim stage. It has not been referred.")
