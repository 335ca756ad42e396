"""Getting a colleague back in, or keeping a program out: lockouts, second factors, API tokens.

Lockouts come from two places: django-axes locks an (account, address) pair after repeated
wrong passwords, and the account itself is locked after repeated wrong one-time codes. The
addresses are shown to administrators (staff addresses, to tell an office from an attack) but
never written to the audit trail."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.enrolment import issue_enrolment_link
from palermo.accounts.models import User
from palermo.administration.people import Refused, end_sessions_of, keep_reason
from palermo.api.models import ApiToken
from palermo.audit.log import record_event


@dataclass(frozen=True)
class Lock:
    kind: str  # "address": wrong passwords from one address; "account": wrong one-time codes
    pk: int
    username: str
    address: str
    since: datetime | None
    until: datetime | None


def address_locks() -> QuerySet[AccessAttempt]:
    """(account, address) pairs django-axes refuses right now."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gt=since
    ).order_by("-attempt_time")


def current_locks() -> list[Lock]:
    locks = [
        Lock(
            "address",
            a.pk,
            a.username or "",
            a.ip_address or "",
            a.attempt_time,
            a.attempt_time + settings.AXES_COOLOFF_TIME,
        )
        for a in address_locks()
    ]
    locked = User.objects.filter(locked_until__gt=timezone.now()).order_by("username")
    locks += [Lock("account", u.pk, u.username, "", None, u.locked_until) for u in locked]
    return locks


def clear_address_lock(by: User, attempt: AccessAttempt) -> None:
    with transaction.atomic():
        username = attempt.username or ""
        attempt.delete()
        # The address is personal data of the person who typed: it stays out of the trail.
        record_event(by, "lock_cleared", "user", username, changes={"kind": "address"})


def clear_account_lock(by: User, user: User) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        record_event(by, "lock_cleared", "user", user.username, changes={"kind": "account"})


def reset_second_factor(by: User, user: User, reason: str) -> str:
    """For a lost phone: a new key behind a fresh one-time link; the person is logged out
    everywhere (a stolen phone may sit in a logged-in browser). Returns the link's path."""
    with transaction.atomic():
        kept = keep_reason(by, "second_factor_reset", reason)
        path = issue_enrolment_link(user, by)
        ended = end_sessions_of(user)
        record_event(
            by,
            "second_factor_reset",
            "user",
            user.username,
            changes={"reason_id": kept.pk, "sessions_ended": ended},
        )
        return path


def revoke_token(by: User, token: ApiToken, reason: str) -> None:
    if token.revoked_at is not None:
        raise Refused(_("That token is revoked already."))
    with transaction.atomic():
        kept = keep_reason(by, "token_revoked", reason)
        token.revoke(by)  # audited as api_token_revoked, as when the owner revokes it
        record_event(
            by,
            "token_revoked",
            "api_token",
            str(token.pk),
            changes={"owner": token.user.username, "reason_id": kept.pk},
        )
