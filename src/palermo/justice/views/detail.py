"""The criminal case file: everything about the case on one page, with the actions the user's
role allows at the case's current stage. Reading it is audited: it shows suspects' names."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.conflicts import lost_race
from palermo.justice.access import (
    authorisations_visible_to,
    criminal_case_for,
    record_criminal_case_read,
    sees_for_an_authorisation_only,
)
from palermo.justice.forms import (
    AppealForm,
    AppealOutcomeForm,
    AuthorisationDecisionForm,
    AuthorisationRequestForm,
    ChargeForm,
    CourtDecisionForm,
    MoveForm,
    SuspectForm,
    VictimLinkForm,
)
from palermo.justice.models import CourtDecision, CriminalCase, CriminalStage
from palermo.justice.models.court import CHARGING_STAGES, DECIDING_STAGES, Appeal

INVESTIGATING_STAGES = {CriminalStage.REPORTED, CriminalStage.INVESTIGATION}


@login_required
@require_http_methods(["GET"])
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = criminal_case_for(acting_user(request), reference)
    return render_case_file(request, case)


def render_case_file(
    request: HttpRequest, case: CriminalCase, **submitted: forms.Form
) -> HttpResponse:
    """The file, with any form just submitted shown again (by its prefix) with its errors."""
    user = acting_user(request)
    record_criminal_case_read(user, case)
    # What every reader sees, a court asked only for an authorisation included.
    context: dict[str, Any] = {
        "case": case,
        "offences": case.provisions.order_by("code"),
        "transitions": case.transitions.select_related("by__agency"),
        "suspects": case.suspects.select_related("person").order_by("pk"),
        "authorisations": authorisation_rows(case, user, submitted),
        "authorisation_only": sees_for_an_authorisation_only(user, case),
    }
    # A change that lost a race answers 409 (the file shows the case as it is now).
    status = 409 if any(lost_race(form) for form in submitted.values()) else 200
    if context["authorisation_only"]:
        # A court asked for an authorisation acts on nothing else in the file.
        context |= {"move_form": None, "suspect_form": None, "authorisation_form": None}
        return render(request, "justice/case_detail.html", context, status=status)
    context |= {
        "charges": case.charges.select_related("suspect__person", "provision", "filed_by"),
        "decisions": decisions_of(case),
        "appeals": appeal_rows(case, user, submitted),
        "victim_links": case.victim_links.select_related("victim_case").order_by("pk"),
        "may_investigate": case.is_investigated_by(user),
        "may_prosecute": case.is_prosecuted_by(user),
        "may_judge": case.is_judged_by(user),
    }
    context.update(action_forms(case, user, submitted))
    return render(request, "justice/case_detail.html", context, status=status)


def action_forms(
    case: CriminalCase, user: User, submitted: dict[str, forms.Form]
) -> dict[str, forms.Form | None]:
    """Only the forms this user may use now; None hides the form."""
    investigating = case.is_investigated_by(user) and case.stage != CriminalStage.CLOSED
    judging = case.is_judged_by(user) and case.stage in DECIDING_STAGES
    offered: dict[str, tuple[bool, Any]] = {
        "move": (case.may_be_moved_by(user), lambda: MoveForm(case=case)),
        "suspect": (
            investigating and case.stage in INVESTIGATING_STAGES,
            lambda: SuspectForm(),
        ),
        "link": (investigating, lambda: VictimLinkForm()),
        "authorisation": (investigating, lambda: AuthorisationRequestForm()),
        "charge": (
            case.is_prosecuted_by(user)
            and case.stage in CHARGING_STAGES
            and case.suspects.exists(),
            lambda: ChargeForm(case=case),
        ),
        "decision": (
            judging and case.charges.exclude(decisions__is_final=True).exists(),
            lambda: CourtDecisionForm(case=case),
        ),
        "appeal": (
            judging and CourtDecision.objects.filter(charge__case=case, is_final=False).exists(),
            lambda: AppealForm(case=case),
        ),
    }
    return {
        # A form just refused is shown again even if the case no longer offers it.
        f"{name}_form": submitted.get(name) or (blank() if allowed else None)
        for name, (allowed, blank) in offered.items()
    }


def decisions_of(case: CriminalCase) -> list[CourtDecision]:
    return list(
        CourtDecision.objects.filter(charge__case=case)
        .select_related("charge__suspect__person", "charge__provision", "sentence", "decided_by")
        .order_by("decided_on", "pk")
    )


def appeal_rows(
    case: CriminalCase, user: User, submitted: dict[str, forms.Form]
) -> list[dict[str, Any]]:
    appeals = (
        Appeal.objects.filter(decision__charge__case=case)
        .select_related("decision__charge__suspect__person", "decision__charge__provision")
        .order_by("filed_on", "pk")
    )
    judging = case.is_judged_by(user)
    return [
        {
            "appeal": appeal,
            "form": (
                submitted.get(f"appeal-{appeal.pk}")
                or (AppealOutcomeForm(pk=appeal.pk) if judging and not appeal.outcome else None)
            ),
        }
        for appeal in appeals
    ]


def authorisation_rows(
    case: CriminalCase, user: User, submitted: dict[str, forms.Form]
) -> list[dict[str, Any]]:
    """Through the access helper: a court sees only the requests made to it."""
    authorisations = (
        authorisations_visible_to(user)
        .filter(case=case)
        .select_related("court", "requested_by", "judicial_officer")
        .order_by("-requested_at", "-pk")
    )
    return [
        {
            "authorisation": item,
            "form": (
                submitted.get(f"decide-{item.pk}")
                or (
                    AuthorisationDecisionForm(pk=item.pk)
                    if item.is_open() and item.may_be_decided_by(user)
                    else None
                )
            ),
        }
        for item in authorisations
    ]
