"""Small helpers every screening view uses."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.registry.models import VictimCase


def current_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def screener(request: HttpRequest) -> User:
    """The logged-in user, if they are a screener at an agency; only they screen people."""
    user = current_user(request)
    if not user.has_role(Role.SCREENER) or user.agency_id is None:
        raise PermissionDenied
    return user


def case_url(case: VictimCase) -> str:
    return reverse("registry:case_detail", args=[case.reference])
