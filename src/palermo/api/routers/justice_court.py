"""Charges filed by the prosecution; decisions, sentences and appeals recorded by the court.

Only the prosecution office and the court the case went to reach these: a court asked only for
an authorisation is refused before anything about the charges is looked up."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from palermo.api.errors import as_form_data, check
from palermo.api.lists import chosen_by
from palermo.api.routers.justice_common import (
    appeal_detail,
    charge_detail,
    decision_detail,
    refuse_unless,
)
from palermo.api.security import caller
from palermo.core import limits
from palermo.justice import refusals
from palermo.justice.access import criminal_case_for
from palermo.justice.forms import AppealForm, AppealOutcomeForm, ChargeForm, CourtDecisionForm
from palermo.justice.models import Appeal

router = Router(tags=["criminal cases"])


class ChargeIn(Schema):
    suspect: str = Field(description="The suspect's person reference (P-…), as the case lists it")
    provision: str = Field(description="The code of a provision of the jurisdiction's law")


@router.post(
    "/criminal-cases/{reference}/charges/", url_name="charge_add", response={201: dict[str, Any]}
)
def file_charge(request: HttpRequest, reference: str, payload: ChargeIn) -> Status[Any]:
    user = caller(request)
    case = criminal_case_for(user, reference)
    refuse_unless(case.is_prosecuted_by(user), refusals.FILE_CHARGE)
    form = ChargeForm(as_form_data(payload), case=case, prefix=None)
    check(chosen_by(form, suspect="person__reference", provision="code"))
    return Status(201, charge_detail(form.file(user)))


class DecisionIn(Schema):
    charge: int = Field(description="The id of the charge decided")
    outcome: str = Field(description="convicted, acquitted or dismissed")
    decided_on: datetime.date = Field(default_factory=timezone.localdate)
    is_final: bool = Field(False, description="Final: no further appeal")
    prison_months: int = Field(
        0, ge=0, le=limits.MAX_PRISON_MONTHS, description="The sentence, with a conviction only"
    )
    suspended: bool = False
    fine: Decimal = Decimal(0)
    compensation_to_victims: Decimal = Decimal(0)


@router.post(
    "/criminal-cases/{reference}/decisions/",
    url_name="decision_add",
    response={201: dict[str, Any]},
)
def record_decision(request: HttpRequest, reference: str, payload: DecisionIn) -> Status[Any]:
    """A conviction carries the sentence given; other outcomes ignore the sentence's fields."""
    user = caller(request)
    case = criminal_case_for(user, reference)
    refuse_unless(case.is_judged_by(user), refusals.DECIDE)
    form = CourtDecisionForm(as_form_data(payload), case=case, prefix=None)
    check(form)
    return Status(201, decision_detail(form.record(user)))


class AppealIn(Schema):
    decision: int = Field(description="The id of the (not final) decision appealed")
    filed_on: datetime.date = Field(default_factory=timezone.localdate)
    by_party: str = Field(description="defence or prosecution")


@router.post(
    "/criminal-cases/{reference}/appeals/", url_name="appeal_add", response={201: dict[str, Any]}
)
def file_appeal(request: HttpRequest, reference: str, payload: AppealIn) -> Status[Any]:
    user = caller(request)
    case = criminal_case_for(user, reference)
    refuse_unless(case.is_judged_by(user), refusals.RECORD_APPEAL)
    form = AppealForm(as_form_data(payload), case=case, prefix=None)
    check(form)
    return Status(201, appeal_detail(form.file(user)))


class AppealOutcomeIn(Schema):
    outcome: str = Field(description="upheld, overturned or modified")
    decided_on: datetime.date = Field(default_factory=timezone.localdate)


@router.post("/criminal-cases/{reference}/appeals/{pk}/decide/", url_name="appeal_decide")
def decide_appeal(
    request: HttpRequest, reference: str, pk: int, payload: AppealOutcomeIn
) -> dict[str, Any]:
    user = caller(request)
    case = criminal_case_for(user, reference)
    # Refused first: whether an appeal exists is not told to those who may not see appeals.
    refuse_unless(case.is_judged_by(user), refusals.RECORD_APPEAL)
    appeal = get_object_or_404(Appeal, pk=pk, decision__charge__case=case)
    form = AppealOutcomeForm(as_form_data(payload), pk=appeal.pk, prefix=None)
    check(form)
    form.decide(appeal, user)
    return appeal_detail(appeal)
