"""The committee's work through the API: the plan and progress, inspections, the tip queue and
the prevention figures. Same access helpers, forms and model methods as the pages."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.api.errors import as_form_data, check
from palermo.api.lists import chosen_by, paginated
from palermo.api.security import caller
from palermo.coordination.access import (
    inspections_visible_to,
    measure_for,
    measure_to_report_on,
    measures_visible_to,
    member,
    tip_read_by,
    tip_to_act_on,
    tips_visible_to,
    triages_tips,
)
from palermo.coordination.figures import prevention_figures
from palermo.coordination.forms.plan import ProgressForm
from palermo.coordination.forms.prevention import InspectionForm, save_own
from palermo.coordination.forms.tips import CloseForm, ForwardForm
from palermo.coordination.models import Inspection, Measure, Tip
from palermo.coordination.progress import indicator_rows
from palermo.core import limits

router = Router(tags=["committee"])
Detail = dict[str, Any]


def measure_summary(measure: Measure) -> Detail:
    return {
        "reference": measure.reference,
        "code": measure.code,
        "pillar": measure.pillar,
        "objective": measure.objective,
        "lead_agency": measure.lead_agency.code,
        "starts_on": measure.starts_on,
        "deadline": measure.deadline,
        "status": measure.status,
        "standing": measure.standing_on(timezone.localdate()),
        "budget_allocated": measure.budget_allocated,
        "budget_spent": measure.budget_spent,
    }


@router.get("/committee/measures/", url_name="measures")
def measures(request: HttpRequest, page: int = 1) -> Detail:
    """The measures of the plan the caller's agency leads or partners (the secretariat: all)."""
    found = measures_visible_to(member(request)).select_related("lead_agency")
    return paginated(found, page, measure_summary)


@router.get("/committee/measures/{reference}/", url_name="measure")
def measure(request: HttpRequest, reference: str) -> Detail:
    found = measure_for(member(request), reference)
    rows = indicator_rows(found)
    return {
        **measure_summary(found),
        "partners": [agency.code for agency in found.partners.all()],
        "indicators": [
            {
                "name": row.name,
                "computed": row.bound,
                "baseline": row.baseline,
                "target": row.target,
                "periods": [{"period": p, "target": t, "actual": a} for p, t, a in row.periods],
            }
            for row in rows
        ],
    }


class ProgressIn(Schema):
    period: str = Field(description="A recent quarter, e.g. 2026Q3")
    status: str = Field(description="on_track, behind or done")
    narrative: str
    late_reason: str = ""
    budget_spent: Decimal | None = None
    actuals: dict[int, Decimal] = Field(
        default_factory=dict, description="Hand-entered indicators' actuals, by indicator id"
    )


@router.post(
    "/committee/measures/{reference}/progress/", url_name="measure_progress", response={201: Detail}
)
def progress(request: HttpRequest, reference: str, payload: ProgressIn) -> Status[Detail]:
    """The lead agency's report for one period (a late measure needs `late_reason`)."""
    user = member(request)
    found = measure_to_report_on(user, reference)
    data = as_form_data(payload)
    for indicator, value in data.pop("actuals", {}).items():
        data[f"actual_{indicator}"] = value
    form = ProgressForm(data, measure=found, prefix=None)
    check(form)
    report = form.save_for(user)
    return Status(201, {"period": report.period, "status": report.status})


def inspection_summary(inspection: Inspection) -> Detail:
    return {
        "reference": inspection.reference,
        "agency": inspection.agency.code,
        "kind": inspection.kind,
        "inspected_on": inspection.inspected_on,
        "sector": inspection.sector,
        "workers_met": inspection.workers_met,
        "indicators_found": inspection.indicators_found,
        "referrals_made": inspection.referrals_made,
        "screenings": inspection.screenings.count(),
    }


@router.get("/committee/inspections/", url_name="inspections")
def inspections(request: HttpRequest, page: int = 1) -> Detail:
    found = inspections_visible_to(member(request)).select_related("agency")
    return paginated(found, page, inspection_summary)


class InspectionIn(Schema):
    kind: str
    inspected_on: date
    place: str
    sector: str
    workers_met: int = 0
    indicators_found: bool = False
    referrals_made: int = 0
    follow_up: str = ""


@router.post("/committee/inspections/", url_name="inspection_new", response={201: Detail})
def inspection_new(request: HttpRequest, payload: InspectionIn) -> Status[Detail]:
    user = member(request)
    form = InspectionForm(as_form_data(payload), user=user)
    check(form)
    saved = save_own(form, user, "inspection")
    assert isinstance(saved, Inspection)
    return Status(201, inspection_summary(saved))


def tip_summary(tip: Tip) -> Detail:
    return {
        "reference": tip.reference,
        "channel": tip.channel,
        "language": tip.language,
        "received_at": tip.received_at,
        "status": tip.status,
        "forwarded_to": tip.forwarded_to.code if tip.forwarded_to else None,
        "first_action_at": tip.first_action_at,
    }


def _tip_reader(request: HttpRequest) -> User:
    user = caller(request)
    if not may_read(user, "tip") or user.agency_id is None:
        raise Http404
    return user


@router.get(
    "/committee/tips/",
    url_name="tips",
    # As every coordination record, the queue is hidden (404) from a role that reads no tips.
    openapi_extra={"responses": {"404": {"description": "The caller's role reads no tips."}}},
)
def tips(request: HttpRequest, page: int = 1) -> Detail:
    """Open tips: the whole queue for the hotline and the police, else those forwarded to you."""
    user = _tip_reader(request)
    found = tips_visible_to(user).exclude(status="closed").select_related("forwarded_to")
    return paginated(found, page, tip_summary)


@router.get("/committee/tips/{reference}/", url_name="tip")
def tip(request: HttpRequest, reference: str) -> Detail:
    user = caller(request)
    found = tip_read_by(user, reference)
    return {
        **tip_summary(found),
        "what_seen": found.what_seen,
        "where": found.where,
        "when_seen": found.when_seen,
        "contact": "" if found.anonymous else found.contact,
        "assessment": found.assessment,
        "close_reason": found.close_reason,
    }


class ForwardIn(Schema):
    agency: str = Field(description="The receiving agency's code")


@router.post("/committee/tips/{reference}/forward/", url_name="tip_forward")
def forward(request: HttpRequest, reference: str, payload: ForwardIn) -> Detail:
    user = caller(request)
    found = tip_to_act_on(user, reference)
    if not triages_tips(user):
        raise Http404
    form = chosen_by(ForwardForm(as_form_data(payload), user=user, prefix=None), agency="code")
    found.forward(check(form)["agency"], user)
    return tip_summary(found)


class CloseIn(Schema):
    reason: str = Field(max_length=limits.REASON)


@router.post("/committee/tips/{reference}/close/", url_name="tip_close")
def close(request: HttpRequest, reference: str, payload: CloseIn) -> Detail:
    user = caller(request)
    found = tip_to_act_on(user, reference)
    found.close(check(CloseForm(as_form_data(payload), prefix=None))["reason"], user)
    return tip_summary(found)


@router.get("/committee/prevention-figures/", url_name="prevention_figures")
def figures(request: HttpRequest, start: date, end: date) -> Detail:
    """Aggregates only: campaigns, trainings, inspections, screenings there and tips."""
    member(request)
    return prevention_figures(start, end)
