"""The dashboard: what needs this person's attention, by role."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.coordination.access import action_items_for, tips_to_act_on
from palermo.justice.access import authorisations_visible_to, criminal_cases_visible_to
from palermo.justice.models.authorisation import AuthorisationStatus
from palermo.registry.access import (
    break_glass_grants_visible_to,
    referrals_visible_to,
    victim_cases_visible_to,
)
from palermo.registry.models import VictimCase
from palermo.registry.models.case import Stage
from palermo.registry.models.referral import ReferralStatus
from palermo.screening.access import screenings_visible_to

EXPIRY_WARNING_DAYS = 7
# A presumed victim's recovery and reflection period ends in a decision on identification; the
# case worker is reminded two weeks ahead, and until the case moves on.
REFLECTION_WARNING_DAYS = 14


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    context = {
        "victim_cases": victim_cases_visible_to(user).exclude(stage="closed")[:20],
        "referrals_to_answer": referrals_visible_to(user)
        .filter(to_agency=user.agency_id, status=ReferralStatus.SENT)
        .select_related("case", "from_agency")[:20],
        "reflection_ending": reflection_periods_ending(user),
        "criminal_cases": criminal_cases_visible_to(user).exclude(stage="closed")[:20],
        "screenings_in_progress": screenings_visible_to(user).filter(status="draft")[:20],
        "authorisations_to_decide": authorisations_visible_to(user)
        .filter(status=AuthorisationStatus.REQUESTED, court=user.agency_id)
        .select_related("case")[:20],
        "authorisations_expiring": authorisations_visible_to(user)
        .expiring_within(EXPIRY_WARNING_DAYS)
        .select_related("case")[:20],
        "action_items": action_items_for(user)[:20],
        # Who opened which case, and when; the reason is read (and audited) on the review page.
        "emergency_access": break_glass_grants_visible_to(user)
        .awaiting_review()
        .order_by("-granted_at", "-pk")[:20],
        "tips_forwarded": tips_to_act_on(user)[:20],
        "is_analyst": user.has_role(Role.ANALYST),
        "is_auditor": user.has_role(Role.AUDITOR),
        "is_case_worker": user.has_role(Role.CASE_WORKER),
    }
    return render(request, "home.html", context)


def reflection_periods_ending(user: User) -> QuerySet[VictimCase]:
    soon = timezone.localdate() + datetime.timedelta(days=REFLECTION_WARNING_DAYS)
    return (
        victim_cases_visible_to(user)
        .filter(stage=Stage.PRESUMED_VICTIM, reflection_period_end__lte=soon)
        .order_by("reflection_period_end", "pk")[:20]
    )
