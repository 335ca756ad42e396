"""What every registry view shares: who is asking, and loading a case they may act on."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.registry.access import victim_case_for
from palermo.registry.models import VictimCase


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every view is behind @login_required
    return user


def case_to_act_on(request: HttpRequest, reference: str) -> VictimCase:
    """The case, if the user may see it (404 otherwise) and acts on cases (403 otherwise).

    A screener who opened a case may read it, but changes are a case worker's."""
    user = user_of(request)
    case = victim_case_for(user, reference)
    if not user.has_role(Role.CASE_WORKER):
        raise PermissionDenied
    return case


def back_to_case(case: VictimCase, section: str = "") -> HttpResponseRedirect:
    response = redirect("registry:case_detail", case.reference)
    if section:
        response["Location"] += f"#{section}"
    return response


def message_of(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)
