"""The dashboard: what needs this person's attention, by role."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
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
    notifications_of,
    referrals_visible_to,
    victim_cases_visible_to,
)
from palermo.registry.models import CarePlanTask, VictimCase
from palermo.registry.models.case import Stage, reflection_warning_date
from palermo.registry.models.referral import ReferralStatus
from palermo.registry.reminders import send_reminders_for_agency
from palermo.screening.access import screenings_visible_to

EXPIRY_WARNING_DAYS = 7
# Each "my work" list shows its first few and links to the whole list ("more").
FEW = 5


class Few(list[Any]):
    """The first `FEW` of a list, and whether there are more (read as FEW + 1 rows)."""

    def __init__(self, rows: QuerySet[Any]) -> None:
        found = list(rows[: FEW + 1])
        super().__init__(found[:FEW])
        self.more = len(found) > FEW


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if user.has_role(Role.CASE_WORKER):
        send_reminders_for_agency(user.agency_id)
    context = {
        "notifications": Few(notifications_of(user).filter(read_at__isnull=True)),
        "tasks_due": Few(tasks_due_for(user)),
        "victim_cases": Few(
            victim_cases_visible_to(user)
            .exclude(stage="closed")
            .order_by("-last_activity_at", "-pk")
        ),
        "assigned_cases": Few(
            victim_cases_visible_to(user)
            .filter(assigned_to=user)
            .exclude(stage="closed")
            .order_by("-last_activity_at", "-pk")
        ),
        "referrals_to_answer": Few(
            referrals_visible_to(user)
            .filter(to_agency=user.agency_id, status=ReferralStatus.SENT)
            .select_related("case", "from_agency")
            .order_by("-sent_at", "-pk")
        ),
        "reflection_ending": Few(reflection_periods_ending(user)),
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


TASK_WARNING_DAYS = 7


def tasks_due_for(user: User) -> QuerySet[CarePlanTask]:
    """Open care plan tasks due within a week (or overdue): the user's own, and those of their
    agency's cases that nobody in particular was given."""
    if not user.has_role(Role.CASE_WORKER):
        return CarePlanTask.objects.none()
    soon = timezone.localdate() + datetime.timedelta(days=TASK_WARNING_DAYS)
    mine = Q(assigned_to=user) | Q(assigned_to__isnull=True, case__owning_agency=user.agency_id)
    return (
        CarePlanTask.objects.filter(mine, done_at__isnull=True, due_on__lte=soon)
        .select_related("case")
        .order_by("due_on", "pk")
    )


def reflection_periods_ending(user: User) -> QuerySet[VictimCase]:
    return (
        victim_cases_visible_to(user)
        .filter(stage=Stage.PRESUMED_VICTIM, reflection_period_end__lte=reflection_warning_date())
        .order_by("reflection_period_end", "pk")
    )
