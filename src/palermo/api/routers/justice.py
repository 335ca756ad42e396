"""Criminal cases and judicial authorisations: the list, opening a case, moving it on, its
suspects and victims. Charges and the court's work are in `justice_court`, authorisations in
`justice_authorisations`; both are mounted here, so the API registers one justice router."""

import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from palermo.accounts.roles import Role
from palermo.api import serialise
from palermo.api.errors import as_form_data, check
from palermo.api.lists import checked_query, chosen_by
from palermo.api.preconditions import check_if_match, tagged
from palermo.api.routers import justice_authorisations, justice_court
from palermo.api.routers.justice_common import (
    refuse_unless,
    suspect_detail,
    transition_detail,
    victim_link_detail,
)
from palermo.api.routers.justice_paging import page_of_criminal_cases
from palermo.api.security import caller
from palermo.core import limits
from palermo.justice import refusals
from palermo.justice.access import (
    authorisation_read_by,
    criminal_case_for,
    criminal_case_read_by,
)
from palermo.justice.forms import (
    CaseFilterForm,
    CaseOpenForm,
    MoveForm,
    SuspectForm,
    VictimLinkForm,
)
from palermo.registry.duplicates import POSSIBLE_DUPLICATES

router = Router(tags=["criminal cases"])
router.add_router("", justice_court.router)
router.add_router("", justice_authorisations.router)


class CaseFilters(Schema):
    stage: str | None = Field(None, description="A stage, e.g. investigation, prosecution, trial")
    year: int | None = Field(
        None,
        ge=limits.FIRST_YEAR,
        le=limits.LAST_YEAR,
        description="The year the case was reported",
    )
    page: int = Field(1, ge=1, le=limits.MAX_PAGE)


@router.get("/criminal-cases/", url_name="criminal_cases")
def criminal_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    """The cases the caller may see, newest report first; no names, as on the page."""
    # The page offers the years that have cases; here any year may be asked (one without
    # cases lists none), so the form is told the year asked for.
    form = CaseFilterForm(as_form_data(filters), years=[filters.year] if filters.year else [])
    checked_query(form)
    return page_of_criminal_cases(caller(request), form, filters.page)


class CaseIn(Schema):
    reason: str = Field(
        description="Why the investigation opens (kept in the timeline)", max_length=limits.REASON
    )
    reported_on: datetime.date = Field(default_factory=timezone.localdate)
    provisions: list[str] = Field(
        default_factory=list, description="The offences: codes of the jurisdiction's provisions"
    )
    is_sex_trafficking: bool = False
    is_labour_trafficking: bool = False
    summary: str = Field(
        "", description="Encrypted at rest; shown only on the case file", max_length=limits.SUMMARY
    )


@router.post("/criminal-cases/", url_name="criminal_case_open", response={201: dict[str, Any]})
def open_criminal_case(request: HttpRequest, payload: CaseIn) -> Status[Any]:
    """An investigator opens a case for their agency; it starts under investigation."""
    user = caller(request)
    refuse_unless(
        user.has_role(Role.INVESTIGATOR) and user.agency_id is not None, refusals.OPEN_CASE
    )
    form = chosen_by(CaseOpenForm(as_form_data(payload), prefix=None), provisions="code")
    check(form)
    return Status(201, serialise.criminal_case_detail(form.open_case(user)))


@router.get("/criminal-cases/{reference}/", url_name="criminal_case")
def criminal_case(
    request: HttpRequest, response: HttpResponse, reference: str
) -> dict[str, object]:
    """The case, with its ETag (send it back as If-Match with a move)."""
    found = criminal_case_read_by(caller(request), reference)
    return tagged(response, serialise.criminal_case_detail(found))


class CriminalCaseMoveIn(Schema):
    stage: str = Field(description="The next stage (see the case's stages)")
    from_stage: str | None = Field(
        None, description="The stage the caller saw: if the case has left it, 409 (no move)"
    )
    reason: str = Field(
        description="Why the case moves (kept encrypted in the timeline)", max_length=limits.REASON
    )
    prosecution: str | None = Field(None, description="To send to prosecution: the office's code")
    court: str | None = Field(None, description="To submit to court: the court's code")


@router.post(
    "/criminal-cases/{reference}/moves/",
    url_name="criminal_case_move",
    response={201: dict[str, Any]},
)
def move_criminal_case(
    request: HttpRequest, reference: str, payload: CriminalCaseMoveIn
) -> Status[Any]:
    """Investigators move it until it leaves the police, then the prosecution, then the court."""
    user = caller(request)
    case = criminal_case_for(user, reference)
    with transaction.atomic():
        check_if_match(request, case, serialise.criminal_case_detail)
        case.check_still_at(payload.from_stage)
        refuse_unless(case.may_be_moved_by(user), refusals.MOVE)
        form = MoveForm(as_form_data(payload), case=case, prefix=None)
        check(chosen_by(form, prosecution="code", court="code"))
        return Status(201, transition_detail(form.move(user)))


class SuspectIn(Schema):
    given_name: str = Field(
        "", description="Encrypted at rest; at least one name is needed", max_length=limits.NAME
    )
    family_name: str = Field("", description="Encrypted at rest", max_length=limits.NAME)
    sex: str = Field("unknown", description="female, male, other or unknown")
    nationality: str = Field("", description="Two-letter country code (ISO 3166-1)")
    role: str = Field("", description="recruiter, transporter, exploiter, facilitator, or empty")
    arrested_on: datetime.date | None = None
    new_person_reason: str = Field(
        "", description="Why this is someone else, when a 409 answered with possible_matches"
    )


@router.post(
    "/criminal-cases/{reference}/suspects/",
    url_name="suspect_add",
    response={201: dict[str, Any], 409: dict[str, Any]},
)
def add_suspect(request: HttpRequest, reference: str, payload: SuspectIn) -> Status[Any]:
    """The answer names the suspect by their person reference, never by name."""
    user = caller(request)
    case = criminal_case_for(user, reference)
    refuse_unless(case.is_investigated_by(user), refusals.ADD_SUSPECT)
    form = SuspectForm(as_form_data(payload), prefix=None, user=user)
    if not form.is_valid() and form.matches:
        return Status(409, likely_suspect_matches(form.matches))
    check(form)
    return Status(201, suspect_detail(form.record_on(case, user)))


def likely_suspect_matches(matches: list[dict[str, Any]]) -> dict[str, Any]:
    message = _(
        "This suspect may already be on record: send new_person_reason saying why this is "
        "someone else."
    )
    return {
        "detail": [{"loc": ["body"], "msg": message, "type": POSSIBLE_DUPLICATES}],
        "possible_matches": matches,
    }


class VictimLinkIn(Schema):
    victim_reference: str = Field(description="The victim case's reference (VC-…)")
    capacity: str = Field(description="witness, injured_party or assistant")


@router.post(
    "/criminal-cases/{reference}/victim-links/",
    url_name="victim_link_add",
    response={201: dict[str, Any]},
)
def link_victim(request: HttpRequest, reference: str, payload: VictimLinkIn) -> Status[Any]:
    user = caller(request)
    case = criminal_case_for(user, reference)
    refuse_unless(case.is_investigated_by(user), refusals.LINK_VICTIM)
    form = VictimLinkForm(as_form_data(payload), prefix=None)
    check(form)
    return Status(201, victim_link_detail(form.link_to(case, user)))


@router.get("/authorisations/{pk}/", url_name="authorisation")
def authorisation(request: HttpRequest, pk: int) -> dict[str, object]:
    found = authorisation_read_by(caller(request), pk)
    return serialise.authorisation_detail(found)
