"""The JSON API: each view loads through the access helper, records the read, responds."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from palermo.accounts.models import User
from palermo.api import serialise
from palermo.audit.access import audit_entries_visible_to
from palermo.audit.log import record_read
from palermo.justice.access import authorisation_for, criminal_case_for
from palermo.registry.access import person_for, referral_for, victim_case_for
from palermo.screening.access import screening_for


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def person(request: HttpRequest, reference: str) -> JsonResponse:
    found = person_for(_user(request), reference)
    record_read(_user(request), "person", found.reference)
    return JsonResponse(serialise.person_detail(found))


@login_required
@require_GET
def victim_case(request: HttpRequest, reference: str) -> JsonResponse:
    found = victim_case_for(_user(request), reference)
    record_read(_user(request), "victim_case", found.reference)
    return JsonResponse(serialise.victim_case_detail(found))


@login_required
@require_GET
def referral(request: HttpRequest, pk: int) -> JsonResponse:
    found = referral_for(_user(request), pk)
    return JsonResponse(serialise.referral_detail(found))


@login_required
@require_GET
def criminal_case(request: HttpRequest, reference: str) -> JsonResponse:
    found = criminal_case_for(_user(request), reference)
    record_read(_user(request), "criminal_case", found.reference)
    return JsonResponse(serialise.criminal_case_detail(found))


@login_required
@require_GET
def authorisation(request: HttpRequest, pk: int) -> JsonResponse:
    found = authorisation_for(_user(request), pk)
    record_read(_user(request), "authorisation", found.case.reference)
    return JsonResponse(serialise.authorisation_detail(found))


@login_required
@require_GET
def screening(request: HttpRequest, reference: str) -> JsonResponse:
    found = screening_for(_user(request), reference)
    record_read(_user(request), "screening", found.reference)
    return JsonResponse(serialise.screening_detail(found))


@login_required
@require_GET
def audit_trail(request: HttpRequest) -> JsonResponse:
    entries = audit_entries_visible_to(_user(request)).order_by("-sequence")[:200]
    rows = [
        {
            "sequence": e.sequence,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "object_type": e.object_type,
            "object_ref": e.object_ref,
        }
        for e in entries
    ]
    return JsonResponse({"entries": rows})
