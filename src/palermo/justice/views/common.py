"""What every criminal case view needs: a refusal page, the way back to the file."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from palermo.justice.models import CriminalCase


def refuse(request: HttpRequest, message: str, case: CriminalCase | None = None) -> HttpResponse:
    """403 for someone who may see the case but not do this to it."""
    context = {"message": message, "case": case}
    return render(request, "justice/refused.html", context, status=403)


def back_to_case(case: CriminalCase, section: str = "") -> HttpResponseRedirect:
    url = reverse("justice:case_detail", args=[case.reference])
    return redirect(f"{url}#{section}" if section else url)


def carried_out(form: forms.Form, action: Callable[[], object]) -> bool:
    """Run the model's action for a valid form; the model's refusal becomes the form's error."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return False
    return True
