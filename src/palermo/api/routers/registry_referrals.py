"""Referrals between agencies: sent from a case with the person's consent, answered by the
receiving agency (which cannot see the case before accepting), ended by either side."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from palermo.api import serialise
from palermo.api.errors import as_form_data, check
from palermo.api.lists import chosen_by, paginated
from palermo.api.routers.registry_paging import PageIn
from palermo.api.security import caller
from palermo.core import limits
from palermo.registry.access import (
    record_referrals_read,
    referral_boxes,
    referral_to_answer,
    referral_to_end,
    victim_case_to_act_on,
)
from palermo.registry.forms import ReferralForm

router = Router(tags=["victim cases"])


class ReferralBoxIn(PageIn):
    box: Literal["waiting", "answered", "sent"] = Field(
        "waiting", description="Waiting for the agency's answer, answered by it, or sent by it"
    )


@router.get("/referrals/", url_name="referrals")
def referrals(request: HttpRequest, listing: Query[ReferralBoxIn]) -> dict[str, Any]:
    """The caller's agency's referrals, newest first, one box of the referral list page (the
    referrals shown are audited as the page's are)."""
    user = caller(request)
    listed = paginated(referral_boxes(user)[listing.box], listing.page, serialise.referral_detail)
    record_referrals_read(user, (row["id"] for row in listed["results"]))
    return listed


class ReferralIn(Schema):
    to_agency: str = Field(
        description="The code of an agency of the jurisdiction (not the caller's)"
    )
    service: str = Field(description="A service kind, e.g. shelter, medical, legal_aid")
    note: str = Field("", description="For the receiving agency", max_length=limits.NOTE)


@router.post(
    "/victim-cases/{reference}/referrals/",
    url_name="referral_send",
    response={201: dict[str, Any]},
)
def send_referral(request: HttpRequest, reference: str, payload: ReferralIn) -> Status[Any]:
    """Refer the case to another agency; refused (422) while the person has not consented."""
    case = victim_case_to_act_on(caller(request), reference)
    form = chosen_by(
        ReferralForm(as_form_data(payload), user=caller(request), prefix=None), to_agency="code"
    )
    check(form)
    return Status(201, serialise.referral_detail(form.send_for(case, caller(request))))


@router.post("/referrals/{pk}/accept/", url_name="referral_accept")
def accept_referral(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Accept a referral to the caller's agency: the case opens to it."""
    return _answer(request, pk, accept=True)


class DeclineIn(Schema):
    reason: str = Field(
        description="Why the agency declines; kept encrypted, the sender reads it",
        max_length=limits.NOTE,
    )


@router.post("/referrals/{pk}/decline/", url_name="referral_decline")
def decline_referral(request: HttpRequest, pk: int, payload: DeclineIn) -> dict[str, Any]:
    """Decline a referral to the caller's agency, saying why (422 without a reason)."""
    return _answer(request, pk, accept=False, reason=payload.reason)


def _answer(request: HttpRequest, pk: int, *, accept: bool, reason: str = "") -> dict[str, Any]:
    referral = referral_to_answer(caller(request), pk)
    referral.answer(accept, caller(request), reason=reason)
    return serialise.referral_detail(referral)


@router.post("/victim-cases/{reference}/referrals/{pk}/end/", url_name="referral_end")
def end_referral(request: HttpRequest, reference: str, pk: int) -> dict[str, Any]:
    """End an accepted referral (either side); a receiving agency then loses sight of the case."""
    case = victim_case_to_act_on(caller(request), reference)
    referral = referral_to_end(caller(request), case, pk)
    referral.end(caller(request))
    return serialise.referral_detail(referral)
