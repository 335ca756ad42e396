"""Correcting a person's details through their victim case: the page's form and method, so only
the owning agency's case workers may, every change is audited and the previous values kept."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from palermo.api import serialise
from palermo.api.errors import as_form_data, check
from palermo.api.security import caller
from palermo.api.serialise import when
from palermo.core import limits
from palermo.registry.access import record_case_read, victim_case_for, victim_case_to_act_on
from palermo.registry.models import ChildProtection, PersonCorrection
from palermo.registry.models.child import CHILD_FIELDS, child_protection_of, is_a_child
from palermo.registry.models.correction import CORRECTABLE, may_correct_person
from palermo.registry.person_forms import ChildProtectionForm, PersonDetailsForm

router = Router(tags=["victim cases"])


class PersonCorrectionIn(Schema):
    """Only the fields sent are changed; the others keep their value. Encrypted at rest."""

    given_name: str | None = Field(None, max_length=limits.NAME)
    family_name: str | None = Field(None, max_length=limits.NAME)
    date_of_birth: str | None = Field(None, description="1999, 1999-04 or 1999-04-17")
    birth_year: int | None = None
    estimated_age: int | None = None
    sex: str | None = Field(None, description="female, male, other or unknown")
    nationality: str | None = Field(None, description="ISO 3166-1 alpha-2, e.g. VN; XK Kosovo")
    reason: str = Field(description="Why the details are corrected", max_length=limits.NOTE)


@router.patch("/victim-cases/{reference}/person/", url_name="person_correct")
def correct_person(
    request: HttpRequest, reference: str, payload: PersonCorrectionIn
) -> dict[str, Any]:
    """The person's details after the correction, and the correction (its fields, not the
    previous values: those are read in the case file)."""
    user = caller(request)
    case = victim_case_to_act_on(user, reference)
    if not may_correct_person(case, user):
        raise PermissionDenied
    sent = payload.model_dump(exclude_unset=True)
    current = {name: getattr(case.person, name) for name in CORRECTABLE}
    data = {name: value for name, value in (current | sent).items() if value is not None}
    with transaction.atomic():
        form = PersonDetailsForm(data, case=case)
        check(form)
        correction = form.save(user)
    case.person.refresh_from_db()
    return {"person": serialise.person_detail(case.person), "correction": _summary(correction)}


def _summary(correction: PersonCorrection | None) -> dict[str, Any] | None:
    if correction is None:
        return None
    return {"id": correction.pk, "fields": correction.fields, "at": correction.at.isoformat()}


class ChildProtectionIn(Schema):
    """The whole record: a value left out is cleared. Names and the assessment are encrypted."""

    guardian_kind: str = Field(
        "unknown", description="parent, relative, appointed, institution, none or unknown"
    )
    guardian_name: str = Field("", max_length=limits.NAME)
    guardian_contact: str = Field("", max_length=limits.NAME)
    best_interests_assessment: str = Field("", max_length=limits.SUMMARY)
    assessed_on: datetime.date | None = None


@router.get("/victim-cases/{reference}/child-protection/", url_name="child_protection")
def child_protection(request: HttpRequest, reference: str) -> dict[str, Any]:
    """For a child only (404 for an adult or an unknown age): guardian and assessment."""
    user = caller(request)
    case = victim_case_for(user, reference)
    if not is_a_child(case):
        raise Http404
    record_case_read(user, case, "child protection")
    return child_protection_detail(child_protection_of(case))


@router.put("/victim-cases/{reference}/child-protection/", url_name="child_protection")
def record_child_protection(
    request: HttpRequest, reference: str, payload: ChildProtectionIn
) -> dict[str, Any]:
    user = caller(request)
    case = victim_case_to_act_on(user, reference)
    if not may_correct_person(case, user):
        raise PermissionDenied
    if not is_a_child(case):
        raise Http404
    form = ChildProtectionForm(as_form_data(payload), instance=child_protection_of(case))
    check(form)
    return child_protection_detail(form.save_for(case, user))


def child_protection_detail(record: ChildProtection | None) -> dict[str, Any]:
    if record is None:
        return dict.fromkeys(CHILD_FIELDS)
    return {name: getattr(record, name) for name in CHILD_FIELDS} | {
        "assessed_on": when(record.assessed_on)
    }
