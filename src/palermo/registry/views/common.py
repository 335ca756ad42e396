"""What every registry view shares: who is asking, and loading a case they may act on."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from palermo.accounts.models import User
from palermo.registry.access import victim_case_to_act_on
from palermo.registry.models import VictimCase


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every view is behind @login_required
    return user


def case_to_act_on(request: HttpRequest, reference: str) -> VictimCase:
    return victim_case_to_act_on(user_of(request), reference)


def back_to_case(case: VictimCase, section: str = "") -> HttpResponseRedirect:
    response = redirect("registry:case_detail", case.reference)
    if section:
        response["Location"] += f"#{section}"
    return response


def message_of(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)
