"""Screenings with the ILO / European Commission indicators."""

from django.http import HttpRequest
from ninja import Router

from palermo.api import serialise
from palermo.api.security import caller
from palermo.audit.log import record_read
from palermo.screening.access import screening_for

router = Router(tags=["screenings"])


@router.get("/screenings/{reference}/", url_name="screening")
def screening(request: HttpRequest, reference: str) -> dict[str, object]:
    found = screening_for(caller(request), reference)
    record_read(caller(request), "screening", found.reference)
    return serialise.screening_detail(found)
