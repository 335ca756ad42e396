"""Persons, victim cases and referrals: the lists and the reads here, the changes to a case and
its referrals and documents in the `registry_*` routers mounted at the end."""

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from palermo.api import serialise
from palermo.api.errors import as_form_data, check
from palermo.api.lists import checked_query, chosen_by
from palermo.api.preconditions import tagged
from palermo.api.routers import (
    registry_cases,
    registry_casework,
    registry_documents,
    registry_person,
    registry_persons,
    registry_referrals,
)
from palermo.api.routers.registry_paging import CaseFilters, page_of_cases, page_of_listed_cases
from palermo.api.security import caller
from palermo.core import limits
from palermo.registry.access import (
    person_read_by,
    referral_read_by,
    victim_case_read_by,
    victim_case_to_act_on,
    victim_cases_visible_to,
)
from palermo.registry.forms import CaseFilterForm, SearchForm, ServiceForm
from palermo.registry.models import VictimCase
from palermo.registry.search import found_for

router = Router(tags=["victim cases"])


def year_asked(filters: CaseFilters) -> list[int]:
    """The page offers the years that have cases; here any year may be asked (one without
    cases lists none), so the form is told the year asked for and no query looks them up."""
    return [filters.year] if filters.year else []


# The list and the search come before the case detail: a URL is matched in the order routes are
# added, and "search" would otherwise be taken for a case reference.
@router.get("/victim-cases/", url_name="victim_cases")
def victim_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    """The cases the caller may see, newest first, filtered as on the case list page."""
    user = caller(request)
    return page_of_listed_cases(user, filters_asked(request, filters), filters.page)


def filters_asked(request: HttpRequest, filters: CaseFilters) -> dict[str, Any]:
    """The filters, checked by the page's form; with none asked there is nothing to check, and
    no form is built (most calls of the list ask for none)."""
    if not filters.model_dump(exclude={"page"}, exclude_none=True):
        return {}
    form = chosen_by(
        CaseFilterForm(as_form_data(filters), user=caller(request), years=year_asked(filters)),
        agency="code",
    )
    return checked_query(form)


class SearchIn(CaseFilters):
    reference: str | None = Field(None, description="A case reference, VC-…")
    name: str | None = Field(
        None,
        description="A name or part of one, in any spelling (tokens are standardised); "
        "the cases come back with the most matching tokens first",
        max_length=limits.NAME,
    )
    document_number: str | None = Field(None, max_length=100)


@router.post("/victim-cases/search/", url_name="victim_case_search")
def search_victim_cases(request: HttpRequest, payload: SearchIn) -> dict[str, Any]:
    """Cases by reference, name (part or variant) or document number (through the blind index)
    and the list's filters. A POST, so that a name never lands in a URL; a search by name or
    document number is audited (that it happened and how many it found, never what was asked)."""
    visible = victim_cases_visible_to(caller(request))
    form = SearchForm(as_form_data(payload), user=caller(request), years=year_asked(payload))
    found = found_for(caller(request), visible, check(form))
    # As on the page: no criterion, no results (rather than every case).
    if found is None:
        return page_of_cases(VictimCase.objects.none(), payload.page)
    return page_of_cases(found, payload.page)


@router.get("/persons/{reference}/", url_name="person")
def person(request: HttpRequest, reference: str) -> dict[str, object]:
    return serialise.person_detail(person_read_by(caller(request), reference))


@router.get("/victim-cases/{reference}/", url_name="victim_case")
def victim_case(request: HttpRequest, response: HttpResponse, reference: str) -> dict[str, object]:
    """The case, with its ETag (send it back as If-Match with a move)."""
    found = victim_case_read_by(caller(request), reference)
    return tagged(response, serialise.victim_case_detail(found))


@router.get("/referrals/{pk}/", url_name="referral")
def referral(request: HttpRequest, pk: int) -> dict[str, object]:
    return serialise.referral_detail(referral_read_by(caller(request), pk))


class ServiceIn(Schema):
    kind: str = Field(description="A service kind, e.g. shelter, medical, legal_aid")
    provider: str = Field(description="The code of the agency giving the service")
    started_on: datetime.date = Field(default_factory=timezone.localdate)
    ended_on: datetime.date | None = None
    notes: str = Field(
        "", description="Encrypted at rest; never in the audit trail", max_length=limits.NOTE
    )


@router.post(
    "/victim-cases/{reference}/services/", url_name="service_add", response={201: dict[str, Any]}
)
def add_service(request: HttpRequest, reference: str, payload: ServiceIn) -> Status[Any]:
    case = victim_case_to_act_on(caller(request), reference)
    form = chosen_by(
        ServiceForm(as_form_data(payload), user=caller(request), prefix=None), provider="code"
    )
    check(form)
    service = form.save_for(case, caller(request))
    return Status(201, serialise.service_detail(service))


# Ninja matches a router's own routes before those of the routers mounted in it: none of these
# share a path with the routes above (a path's methods must stay in one router).
router.add_router("", registry_cases.router)
router.add_router("", registry_referrals.router)
router.add_router("", registry_documents.router)
router.add_router("", registry_persons.router)
router.add_router("", registry_person.router)
router.add_router("", registry_casework.router)
