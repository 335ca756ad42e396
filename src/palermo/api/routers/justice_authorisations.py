"""Judicial authorisations: investigators request a measure, the court it went to grants it
(until an expiry in the future) or refuses it. A court sees only the requests made to it."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from palermo.api.errors import as_form_data, check
from palermo.api.lists import chosen_by, paginated
from palermo.api.routers.justice_common import (
    authorisation_row,
    refuse_unless,
)
from palermo.api.security import caller
from palermo.core import limits
from palermo.justice import refusals
from palermo.justice.access import authorisation_for, authorisations_visible_to, criminal_case_for
from palermo.justice.forms import AuthorisationDecisionForm, AuthorisationRequestForm
from palermo.justice.models.authorisation import AuthorisationStatus

router = Router(tags=["judicial authorisations"])


class AuthorisationFilters(Schema):
    status: AuthorisationStatus | None = None
    expiring_within_days: int | None = Field(
        None,
        ge=0,
        le=limits.MAX_DAYS_AHEAD,
        description="Granted, in force, and ending within this many days",
    )
    page: int = Field(1, ge=1, le=limits.MAX_PAGE)


@router.get("/authorisations/", url_name="authorisations")
def authorisations(request: HttpRequest, filters: Query[AuthorisationFilters]) -> dict[str, Any]:
    """Newest request first, through the same access helper as the case file."""
    found = authorisations_visible_to(caller(request))
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.expiring_within_days is not None:
        found = found.expiring_within(filters.expiring_within_days)
    found = found.select_related("case", "court", "requested_by", "judicial_officer")
    return paginated(found.order_by("-requested_at", "-pk"), filters.page, authorisation_row)


class AuthorisationIn(Schema):
    kind: str = Field(description="search, interception, detention, travel_ban, asset_freeze, …")
    court: str = Field(description="The code of the court asked")
    scope: str = Field(
        description="Encrypted at rest; never in the audit trail or in answers",
        max_length=limits.SUMMARY,
    )


@router.post(
    "/criminal-cases/{reference}/authorisations/",
    url_name="authorisation_request",
    response={201: dict[str, Any]},
)
def request_authorisation(
    request: HttpRequest, reference: str, payload: AuthorisationIn
) -> Status[Any]:
    user = caller(request)
    case = criminal_case_for(user, reference)
    refuse_unless(case.is_investigated_by(user), refusals.REQUEST_AUTHORISATION)
    form = chosen_by(AuthorisationRequestForm(as_form_data(payload), prefix=None), court="code")
    check(form)
    return Status(201, authorisation_row(form.request_for(case, user)))


class AuthorisationDecisionIn(Schema):
    decision: str = Field(description="grant or refuse", max_length=20)
    expires_at: datetime.datetime | None = Field(
        None, description="With a grant: when it stops being in force (in the future)"
    )


@router.post("/authorisations/{pk}/decide/", url_name="authorisation_decide")
def decide_authorisation(
    request: HttpRequest, pk: int, payload: AuthorisationDecisionIn
) -> dict[str, Any]:
    user = caller(request)
    authorisation = authorisation_for(user, pk)
    criminal_case_for(user, authorisation.case.reference)  # as the page: the case must be seen
    refuse_unless(authorisation.may_be_decided_by(user), refusals.DECIDE_AUTHORISATION)
    form = AuthorisationDecisionForm(as_form_data(payload), pk=authorisation.pk, prefix=None)
    check(form)
    form.decide(authorisation, user)
    return authorisation_row(authorisation)
