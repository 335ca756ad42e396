"""The dashboard: what needs this person's attention, by role."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.justice.access import authorisations_visible_to, criminal_cases_visible_to
from palermo.justice.models.authorisation import AuthorisationStatus
from palermo.registry.access import referrals_visible_to, victim_cases_visible_to
from palermo.registry.models.referral import ReferralStatus
from palermo.screening.access import screenings_visible_to

EXPIRY_WARNING_DAYS = 7


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "victim_cases": victim_cases_visible_to(user).exclude(stage="closed")[:20],
        "referrals_to_answer": referrals_visible_to(user)
        .filter(to_agency=user.agency_id, status=ReferralStatus.SENT)
        .select_related("case", "from_agency")[:20],
        "criminal_cases": criminal_cases_visible_to(user).exclude(stage="closed")[:20],
        "screenings_in_progress": screenings_visible_to(user).filter(status="draft")[:20],
        "authorisations_to_decide": authorisations_visible_to(user)
        .filter(status=AuthorisationStatus.REQUESTED, court=user.agency_id)
        .select_related("case")[:20],
        "authorisations_expiring": authorisations_visible_to(user)
        .expiring_within(EXPIRY_WARNING_DAYS)
        .select_related("case")[:20],
        "is_analyst": user.has_role(Role.ANALYST),
        "is_auditor": user.has_role(Role.AUDITOR),
    }
    return render(request, "home.html", context)
