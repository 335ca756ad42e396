"""What every registry view shares: loading the case the request may act on, the way back to it."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from palermo.accounts.acting import acting_user
from palermo.registry.access import victim_case_to_act_on
from palermo.registry.models import VictimCase


def case_to_act_on(request: HttpRequest, reference: str) -> VictimCase:
    return victim_case_to_act_on(acting_user(request), reference)


def back_to_case(case: VictimCase, section: str = "") -> HttpResponseRedirect:
    response = redirect("registry:case_detail", case.reference)
    if section:
        response["Location"] += f"#{section}"
    return response


def message_of(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)
