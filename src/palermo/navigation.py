"""The menu each role sees, and the session length for the expiry warning."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.accounts.permissions import READERS
from palermo.accounts.roles import Role

COMMITTEE_ROLES = set(READERS["coordination"])
TIP_ROLES = set(READERS["tip"])

# (url name, label, roles that see it; empty = everyone logged in)
MENU: list[tuple[str, Any, set[str]]] = [
    ("home", _("My work"), set()),
    ("screening:list", _("Screenings"), {Role.SCREENER}),
    ("registry:case_list", _("Victim cases"), {Role.CASE_WORKER, Role.SCREENER}),
    ("registry:referral_list", _("Referrals"), {Role.CASE_WORKER}),
    (
        "justice:case_list",
        _("Criminal cases"),
        {Role.INVESTIGATOR, Role.PROSECUTOR, Role.JUDICIAL_OFFICER},
    ),
    ("registry:search", _("Search"), {Role.CASE_WORKER, Role.SCREENER, Role.INVESTIGATOR}),
    ("reporting:overview", _("Statistics"), {Role.ANALYST}),
    ("coordination:plan", _("Action plan"), COMMITTEE_ROLES),
    ("coordination:meeting_list", _("Meetings"), COMMITTEE_ROLES),
    ("coordination:inspection_list", _("Prevention"), COMMITTEE_ROLES),
    ("coordination:tip_queue", _("Tips"), TIP_ROLES),
    ("audit:trail", _("Audit trail"), {Role.AUDITOR}),
    ("linkreview:batches", _("Linkage review"), {Role.LINKAGE_REVIEWER}),
    ("exchange:index", _("Data exchange"), {Role.ANALYST}),
    ("administration:people", _("Administration"), {Role.ADMINISTRATOR}),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}
    items = []
    for name, label, roles in MENU:
        if roles and not user.has_role(*roles):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # that part of the application is not installed
        items.append({"url": url, "label": label, "current": request.path == url})
    return {"navigation": items, "session_seconds": settings.SESSION_COOKIE_AGE}
