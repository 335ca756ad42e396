"""The access helpers for the committee's work: each agency writes its own records, the
committee secretariat sees all of the plan, meetings and prevention work. Tips hold what members
of the public said about people: the hotline and the police triage them, and an agency sees the
tips forwarded to it; the secretariat gets their figures, not their text."""

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.accounts.roles import AgencyKind
from palermo.audit.log import record_read
from palermo.coordination.models import (
    ActionItem,
    Campaign,
    Inspection,
    Measure,
    Meeting,
    Tip,
    Training,
)

TRIAGE_KINDS = (AgencyKind.HOTLINE, AgencyKind.POLICE)


def takes_part(user: User) -> bool:
    return may_read(user, "coordination") and user.agency_id is not None


def member(request: HttpRequest) -> User:
    """The user, when they work for an agency taking part in the committee's work (else 404)."""
    user = acting_user(request)
    if not takes_part(user):
        raise Http404
    return user


def is_secretariat(user: User) -> bool:
    return (
        takes_part(user) and user.agency is not None and user.agency.kind == AgencyKind.SECRETARIAT
    )


def triages_tips(user: User) -> bool:
    return may_read(user, "tip") and user.agency is not None and user.agency.kind in TRIAGE_KINDS


def _found[T: Model](queryset: QuerySet[T], **lookup: object) -> T:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


# The plan ----------------------------------------------------------------------------------


def measures_visible_to(user: User) -> QuerySet[Measure]:
    if not takes_part(user):
        return Measure.objects.none()
    if is_secretariat(user):
        return Measure.objects.all()
    scope = Q(lead_agency=user.agency_id) | Q(partners=user.agency_id)
    return Measure.objects.filter(scope).distinct()


def measure_for(user: User, reference: str) -> Measure:
    return _found(measures_visible_to(user), reference=reference)


def measure_to_report_on(user: User, reference: str) -> Measure:
    """Progress and evidence come from the lead agency, nobody else."""
    return _found(measures_visible_to(user).filter(lead_agency=user.agency_id), reference=reference)


def may_edit_plan(user: User) -> bool:
    """The plan itself (its measures and indicators) is kept by the secretariat."""
    return is_secretariat(user)


# Meetings ----------------------------------------------------------------------------------


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    if not takes_part(user):
        return Meeting.objects.none()
    if is_secretariat(user):
        return Meeting.objects.all()
    scope = (
        Q(agencies_present=user.agency_id)
        | Q(recorded_by=user.agency_id)
        | Q(action_items__owner=user.agency_id)
    )
    return Meeting.objects.filter(scope).distinct()


def meeting_for(user: User, reference: str) -> Meeting:
    return _found(meetings_visible_to(user), reference=reference)


def meeting_to_act_on(user: User, reference: str) -> Meeting:
    """The agency that recorded a meeting keeps its record (minutes, decisions, action items)."""
    return _found(meetings_visible_to(user).filter(recorded_by=user.agency_id), reference=reference)


def action_items_for(user: User) -> QuerySet[ActionItem]:
    """Open action items the user's agency owns: they stay on its home page until done."""
    if not takes_part(user):
        return ActionItem.objects.none()
    return ActionItem.objects.open().filter(owner=user.agency_id).select_related("meeting")


def action_item_to_act_on(user: User, pk: int) -> ActionItem:
    if not takes_part(user):
        raise Http404
    scope = Q(owner=user.agency_id)
    if is_secretariat(user):
        scope = Q()
    return _found(ActionItem.objects.filter(scope), pk=pk)


# Prevention --------------------------------------------------------------------------------


def _own_or_all[T: Model](user: User, queryset: QuerySet[T]) -> QuerySet[T]:
    if not takes_part(user):
        return queryset.none()
    return queryset if is_secretariat(user) else queryset.filter(agency=user.agency_id)


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    return _own_or_all(user, Campaign.objects.all())


def trainings_visible_to(user: User) -> QuerySet[Training]:
    return _own_or_all(user, Training.objects.all())


def inspections_visible_to(user: User) -> QuerySet[Inspection]:
    return _own_or_all(user, Inspection.objects.all())


def campaign_to_act_on(user: User, pk: int) -> Campaign:
    return _found(campaigns_visible_to(user).filter(agency=user.agency_id), pk=pk)


def training_for(user: User, pk: int) -> Training:
    return _found(trainings_visible_to(user), pk=pk)


def training_to_act_on(user: User, pk: int) -> Training:
    return _found(trainings_visible_to(user).filter(agency=user.agency_id), pk=pk)


def inspection_for(user: User, reference: str) -> Inspection:
    return _found(inspections_visible_to(user), reference=reference)


def inspection_to_act_on(user: User, reference: str) -> Inspection:
    return _found(inspections_visible_to(user).filter(agency=user.agency_id), reference=reference)


# Tips --------------------------------------------------------------------------------------


def tips_visible_to(user: User) -> QuerySet[Tip]:
    if not may_read(user, "tip") or user.agency_id is None:
        return Tip.objects.none()
    if triages_tips(user):
        return Tip.objects.all()
    return Tip.objects.filter(forwarded_to=user.agency_id)


def tip_for(user: User, reference: str) -> Tip:
    return _found(tips_visible_to(user), reference=reference)


def tip_read_by(user: User, reference: str) -> Tip:
    """The tip (404 as `tip_for`), its read recorded: the page and the API alike."""
    tip = tip_for(user, reference)
    record_read(user, "tip", tip.reference)
    return tip


def tip_to_act_on(user: User, reference: str) -> Tip:
    """The triage agencies act on any tip; an agency on the tips forwarded to it."""
    return tip_for(user, reference)


def tips_to_act_on(user: User) -> QuerySet[Tip]:
    """The work list: open tips forwarded to the user's agency (triage agencies: the queue)."""
    if not may_read(user, "tip") or user.agency_id is None:
        return Tip.objects.none()
    return Tip.objects.forwarded_to(user.agency_id)
