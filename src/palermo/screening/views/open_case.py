"""A presumed victim's screening opens the victim case, records consent and refers, in one step."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.screening.access import screening_for
from palermo.screening.forms import OpenCaseForm
from palermo.screening.models import ScreeningOutcome, ScreeningStatus
from palermo.screening.services import ConsentGiven, ReferralRequest, open_case_from_screening
from palermo.screening.views.common import case_url, current_user

PERSON_FIELDS = ("given_name", "family_name", "sex", "birth_year", "estimated_age", "nationality")


@login_required
@require_http_methods(["GET", "POST"])
def screening_open_case(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    screening = screening_for(user, reference)
    if screening.victim_case is not None:
        messages.info(request, _("A victim case was already opened from this screening."))
        return redirect(case_url(screening.victim_case))
    if not (
        screening.status == ScreeningStatus.COMPLETED
        and screening.outcome == ScreeningOutcome.PRESUMED_VICTIM
    ):
        messages.error(request, _("Only a finished screening of a presumed victim opens a case."))
        return redirect("screening:detail", screening.reference)
    form = OpenCaseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            case = open_case_from_screening(screening, user, **case_details(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, opened_message(form.cleaned_data))
            return redirect(case_url(case))
    return render(request, "screening/open_case.html", {"screening": screening, "form": form})


def case_details(cleaned: dict[str, Any]) -> dict[str, Any]:
    consents = bool(cleaned.get("consents"))
    refer = bool(cleaned.get("refer_now"))
    return {
        "person_details": {name: cleaned[name] for name in PERSON_FIELDS},
        "consent": ConsentGiven(form=cleaned["consent_form"]) if consents else None,
        "referral": ReferralRequest(cleaned["to_agency"], cleaned["service"]) if refer else None,
    }


def opened_message(cleaned: dict[str, Any]) -> str:
    if cleaned.get("refer_now"):
        return _("The victim case is open at the presumed victim stage, and the referral is sent.")
    return _("The victim case is open at the presumed victim stage. It has not been referred.")
