"""Reminders that become notifications: a presumed victim's reflection period ending soon, and
a decision on identification due once it has ended. Each person is told once per case and kind.

They are sent for an agency when one of its workers opens the home page (the notifications are
in-app: nobody needs them before they look), and for every agency by `palermo remind`."""

from django.db.models import QuerySet
from django.utils import timezone

from palermo.registry.models import Notification, NotificationKind, VictimCase
from palermo.registry.models.case import Stage, reflection_warning_date
from palermo.registry.models.casework import those_to_tell_about


def cases_awaiting_decision(cases: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    return cases.filter(
        stage=Stage.PRESUMED_VICTIM, reflection_period_end__lte=reflection_warning_date()
    ).select_related("assigned_to")


def send_due_reminders(cases: QuerySet[VictimCase]) -> int:
    """Notify about each case whose reflection period ends soon (or has ended); how many were
    told."""
    today = timezone.localdate()
    told = 0
    for case in cases_awaiting_decision(cases):
        assert case.reflection_period_end is not None
        kind = (
            NotificationKind.DECISION_DUE
            if case.reflection_period_end < today
            else NotificationKind.REFLECTION_ENDING
        )
        told += Notification.tell(those_to_tell_about(case), kind, case, once=True)
    return told


def send_reminders_for_agency(agency_id: int | None) -> int:
    if agency_id is None:
        return 0
    return send_due_reminders(VictimCase.objects.filter(owning_agency=agency_id))
