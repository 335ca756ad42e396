"""Changing a victim case: moving it on, its exploitation details, the person's consent.

Each operation loads the case as the page does (404 if the caller may not see it, 403 if their
role may not act), validates with the page's form and changes the case through the same method,
so the rules and the audit trail are the page's."""

import datetime
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from palermo.api import serialise
from palermo.api.errors import as_form_data, check
from palermo.api.lists import chosen_by
from palermo.api.preconditions import check_if_match, tagged
from palermo.api.security import caller
from palermo.api.serialise import when
from palermo.core import limits
from palermo.registry.access import victim_case_read_by, victim_case_to_act_on
from palermo.registry.consent_forms import WithdrawConsentForm
from palermo.registry.forms import ConsentForm, ExploitationDetailsForm, move_details, move_form_for
from palermo.registry.models import Consent, Exploitation, Stage, StageTransition

router = Router(tags=["victim cases"])


class VictimCaseMoveIn(Schema):
    to_stage: Stage
    from_stage: Stage | None = Field(
        None, description="The stage the caller saw: if the case has left it, 409 (no move)"
    )
    reason: str = Field(
        "", description="Why the case moves on; recorded with the move", max_length=limits.REASON
    )
    reflection_period_start: datetime.date | None = Field(
        None, description="To presumed victim: today if left out"
    )
    reflection_period_end: datetime.date | None = Field(
        None, description="To presumed victim: 30 days after the start if left out"
    )
    competent_authority: str | None = Field(
        None, description="To identified (required): the code of the deciding agency"
    )
    decision: str | None = Field(
        None, description="To identified (required): the decision", max_length=limits.NOTE
    )
    identified_on: datetime.date | None = Field(
        None, description="To identified: today if left out"
    )


@router.post(
    "/victim-cases/{reference}/moves/",
    url_name="victim_case_move",
    response={201: dict[str, Any]},
)
def move_case(request: HttpRequest, reference: str, payload: VictimCaseMoveIn) -> Status[Any]:
    """Move the case to a next stage with the details that stage needs; a stage the case
    cannot go to from where it is is refused (422) with the model's reason."""
    user = caller(request)
    case = victim_case_to_act_on(user, reference)
    form = chosen_by(
        move_form_for(payload.to_stage, user, as_form_data(payload), prefix=None),
        competent_authority="code",
    )
    with transaction.atomic():
        check_if_match(request, case, serialise.victim_case_detail)
        case.check_still_at(payload.from_stage)
        reason = check(form)["reason"]
        transition = case.move_to(payload.to_stage, user, reason, **move_details(form))
    return Status(201, transition_detail(transition))


def transition_detail(transition: StageTransition) -> dict[str, Any]:
    return {
        "case": transition.case.reference,
        "from": transition.from_stage,
        "to": transition.to_stage,
        "at": transition.at.isoformat(),
        "by": transition.by.username,
    }


class ExploitationIn(Schema):
    """The whole record: a list left out is emptied, a value left out is cleared."""

    forms: list[str] = Field(default_factory=list, description="Codes, e.g. labour, sexual")
    labour_sectors: list[str] = Field(default_factory=list)
    sexual_types: list[str] = Field(default_factory=list)
    means_of_control: list[str] = Field(default_factory=list)
    recruiter_relations: list[str] = Field(default_factory=list)
    was_abducted: bool | None = None
    country_of_origin: str = Field("", description="ISO 3166-1 alpha-2")
    transit_countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2")
    country_of_exploitation: str = Field("", description="ISO 3166-1 alpha-2")
    began: datetime.date | None = None
    ended: datetime.date | None = None


@router.get("/victim-cases/{reference}/exploitation/", url_name="exploitation")
def exploitation(request: HttpRequest, response: HttpResponse, reference: str) -> dict[str, Any]:
    """The exploitation details (codes and dates only), empty if none are recorded yet, with
    their ETag (send it back as If-Match with a PUT)."""
    case = victim_case_read_by(caller(request), reference, "exploitation")
    return tagged(response, exploitation_detail(Exploitation.of(case)))


@router.put("/victim-cases/{reference}/exploitation/", url_name="exploitation")
def record_exploitation(
    request: HttpRequest, response: HttpResponse, reference: str, payload: ExploitationIn
) -> dict[str, Any]:
    case = victim_case_to_act_on(caller(request), reference)
    data = as_form_data(payload)
    with transaction.atomic():
        # The case's row is the lock: one change of its details at a time.
        check_if_match(request, case, lambda locked: exploitation_detail(Exploitation.of(locked)))
        form = ExploitationDetailsForm(data, instance=Exploitation.of(case))
        check(form)
        return tagged(response, exploitation_detail(form.save_for(case, caller(request))))


def exploitation_detail(exploitation: Exploitation) -> dict[str, Any]:
    return {
        "case": exploitation.case.reference,
        "forms": exploitation.forms,
        "labour_sectors": exploitation.labour_sectors,
        "sexual_types": exploitation.sexual_types,
        "means_of_control": exploitation.means_of_control,
        "recruiter_relations": exploitation.recruiter_relations,
        "was_abducted": exploitation.was_abducted,
        "country_of_origin": exploitation.country_of_origin,
        "transit_countries": exploitation.transit_countries,
        "country_of_exploitation": exploitation.country_of_exploitation,
        "began": when(exploitation.began),
        "ended": when(exploitation.ended),
    }


class ConsentIn(Schema):
    given_on: datetime.date = Field(default_factory=timezone.localdate)
    form: str = Field(description="How the consent was given: written or oral")
    covers_referral: bool = True


@router.post(
    "/victim-cases/{reference}/consents/",
    url_name="consent_record",
    response={201: dict[str, Any]},
)
def record_consent(request: HttpRequest, reference: str, payload: ConsentIn) -> Status[Any]:
    case = victim_case_to_act_on(caller(request), reference)
    form = ConsentForm(as_form_data(payload), prefix=None)
    check(form)
    return Status(201, consent_detail(form.save_for(case, caller(request))))


class ConsentWithdrawIn(Schema):
    reason: str = Field(
        description="Why the person withdraws consent; kept encrypted", max_length=limits.NOTE
    )


@router.post("/victim-cases/{reference}/consents/{pk}/withdraw/", url_name="consent_withdraw")
def withdraw_consent(
    request: HttpRequest, reference: str, pk: int, payload: ConsentWithdrawIn
) -> dict[str, Any]:
    """From today on, no new referral can be sent on this consent, and the referrals sent on it
    (sent or accepted) end; 404 if already withdrawn. The call is the confirmation."""
    case = victim_case_to_act_on(caller(request), reference)
    consent = case.consents.filter(pk=pk, withdrawn_on__isnull=True).first()
    if consent is None:
        raise Http404
    form = WithdrawConsentForm(
        {"reason": payload.reason, "confirm": True}, consent=consent, prefix=None
    )
    check(form)
    ended = form.withdraw(caller(request))
    return consent_detail(consent) | {"referrals_ended": [referral.pk for referral in ended]}


def consent_detail(consent: Consent) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "case": consent.case.reference,
        "given_on": when(consent.given_on),
        "form": consent.form,
        "covers_referral": consent.covers_referral,
        "withdrawn_on": when(consent.withdrawn_on),
        "recorded_by": consent.recorded_by.username,
    }
