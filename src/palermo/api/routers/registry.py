"""Persons, victim cases and referrals."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from palermo.api import serialise
from palermo.api.errors import as_form_data, check
from palermo.api.security import caller
from palermo.audit.log import record_read
from palermo.registry.access import (
    person_for,
    referral_for,
    victim_case_for,
    victim_case_to_act_on,
)
from palermo.registry.forms import ServiceForm

router = Router(tags=["victim cases"])


@router.get("/persons/{reference}/", url_name="person")
def person(request: HttpRequest, reference: str) -> dict[str, object]:
    found = person_for(caller(request), reference)
    record_read(caller(request), "person", found.reference)
    return serialise.person_detail(found)


@router.get("/victim-cases/{reference}/", url_name="victim_case")
def victim_case(request: HttpRequest, reference: str) -> dict[str, object]:
    found = victim_case_for(caller(request), reference)
    record_read(caller(request), "victim_case", found.reference)
    return serialise.victim_case_detail(found)


@router.get("/referrals/{pk}/", url_name="referral")
def referral(request: HttpRequest, pk: int) -> dict[str, object]:
    return serialise.referral_detail(referral_for(caller(request), pk))


class ServiceIn(Schema):
    kind: str = Field(description="A service kind, e.g. shelter, medical, legal_aid")
    provider: int = Field(description="The id of the agency giving the service")
    started_on: datetime.date = Field(default_factory=timezone.localdate)
    ended_on: datetime.date | None = None
    notes: str = Field("", description="Encrypted at rest; never in the audit trail")


@router.post(
    "/victim-cases/{reference}/services/", url_name="service_add", response={201: dict[str, Any]}
)
def add_service(request: HttpRequest, reference: str, payload: ServiceIn) -> Status[Any]:
    case = victim_case_to_act_on(caller(request), reference)
    form = ServiceForm(as_form_data(payload), user=caller(request), prefix=None)
    check(form)
    service = form.save_for(case, caller(request))
    return Status(201, serialise.service_detail(service))
