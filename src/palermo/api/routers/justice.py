"""Criminal cases and judicial authorisations."""

from django.http import HttpRequest
from ninja import Router

from palermo.api import serialise
from palermo.api.security import caller
from palermo.audit.log import record_read
from palermo.justice.access import authorisation_for, criminal_case_for

router = Router(tags=["criminal cases"])


@router.get("/criminal-cases/{reference}/", url_name="criminal_case")
def criminal_case(request: HttpRequest, reference: str) -> dict[str, object]:
    found = criminal_case_for(caller(request), reference)
    record_read(caller(request), "criminal_case", found.reference)
    return serialise.criminal_case_detail(found)


@router.get("/authorisations/{pk}/", url_name="authorisation")
def authorisation(request: HttpRequest, pk: int) -> dict[str, object]:
    found = authorisation_for(caller(request), pk)
    record_read(caller(request), "authorisation", found.case.reference)
    return serialise.authorisation_detail(found)
