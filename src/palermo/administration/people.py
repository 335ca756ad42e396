"""Staff accounts: create, change roles and agency, deactivate and reactivate.

Accounts are never deleted: the audit trail and the records refer to them. An administrator may
not take away their own administrator role nor deactivate themselves, so the jurisdiction is
never left without someone who can let people in."""

from collections.abc import Iterable

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.enrolment import issue_enrolment_link
from palermo.accounts.models import Agency, RoleAssignment, User
from palermo.accounts.roles import Role
from palermo.administration.models import ActionReason
from palermo.audit.log import record_event


class Refused(Exception):
    """An administrative change that would break a rule; the message says which."""


def create_staff_member(
    by: User, username: str, password: str, agency: Agency, roles: Iterable[str]
) -> str:
    """Make the account and return the path of its one-time enrolment link (shown once).

    The person logs in with the initial password the administrator hands over with the link,
    then scans their second-factor key; the form has already checked the password's strength."""
    chosen = sorted(set(roles))
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            password=password,
            agency=agency,
            is_staff=Role.ADMINISTRATOR in chosen,  # as `palermo createuser` does
        )
        RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=r) for r in chosen)
        record_event(
            by,
            "user_created",
            "user",
            user.username,
            changes={"agency": agency.code, "roles": chosen},
        )
        return issue_enrolment_link(user, by)


def change_roles_and_agency(
    by: User, user: User, agency: Agency | None, roles: Iterable[str]
) -> None:
    chosen = sorted(set(roles))
    before = sorted(user.role_set())
    if user.pk == by.pk and Role.ADMINISTRATOR in before and Role.ADMINISTRATOR not in chosen:
        raise Refused(
            _("You cannot remove your own administrator role: ask another administrator.")
        )
    old_agency = user.agency.code if user.agency else ""
    new_agency = agency.code if agency else ""
    if chosen == before and old_agency == new_agency:
        return
    with transaction.atomic():
        user.roles.exclude(role__in=chosen).delete()
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=user, role=r) for r in chosen if r not in before]
        )
        user.agency = agency
        user.is_staff = Role.ADMINISTRATOR in chosen
        user.save(update_fields=["agency", "is_staff"])
        user.forget_roles()
        changes: dict[str, object] = {"roles_before": before, "roles_after": chosen}
        if old_agency != new_agency:
            changes |= {"agency_before": old_agency, "agency_after": new_agency}
        record_event(by, "roles_changed", "user", user.username, changes=changes)


def set_active(by: User, user: User, active: bool) -> None:
    if user.pk == by.pk and not active:
        raise Refused(_("You cannot deactivate your own account: ask another administrator."))
    if user.is_active == active:
        return
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            end_sessions_of(user)
        action = "user_reactivated" if active else "user_deactivated"
        record_event(by, action, "user", user.username)


def end_sessions_of(user: User) -> int:
    """Log the person out everywhere: delete every live session that carries their id."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def keep_reason(by: User, action: str, text: str) -> ActionReason:
    """Store the reason encrypted; the audit entry names only its id."""
    text = text.strip()
    if not text:
        raise Refused(_("Give a reason."))
    return ActionReason.objects.create(by=by, action=action, text=text)
