"""One-time enrolment links: the only way to be shown a new second-factor key.

An administrator issues a link (admin action or `palermo enrolment-link`); the person opens it,
passes the password step, scans the key and confirms a code. The link then stops working. Only a
digest of the link's token is stored, like API tokens.
"""

import hashlib
import secrets
from datetime import timedelta

import pyotp
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.log import record_event

DEFAULT_HOURS = 72


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_enrolment_link(user: User, by: User | None, hours: int = DEFAULT_HOURS) -> str:
    """Reset the user's second factor and return the path of a fresh one-time enrolment link."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        user.totp_secret, user.totp_confirmed, user.totp_last_step = pyotp.random_base32(), False, 0
        user.enrolment_digest = _digest(token)
        user.enrolment_expires_at = timezone.now() + timedelta(hours=hours)
        user.save(
            update_fields=[
                "totp_secret",
                "totp_confirmed",
                "totp_last_step",
                "enrolment_digest",
                "enrolment_expires_at",
            ]
        )
        record_event(by, "enrolment_link_issued", "user", user.username)
    return reverse("enrol_link", args=[token])


def enrolment_token_fits(user: User, token: str) -> bool:
    """True when `token` is the user's live, unused enrolment link."""
    return bool(
        token
        and user.enrolment_digest
        and user.enrolment_expires_at is not None
        and user.enrolment_expires_at > timezone.now()
        and secrets.compare_digest(user.enrolment_digest, _digest(token))
    )


def finish_enrolment(user: User) -> None:
    """The code was confirmed: the link is spent."""
    user.totp_confirmed, user.enrolment_digest, user.enrolment_expires_at = True, "", None
    user.save(update_fields=["totp_confirmed", "enrolment_digest", "enrolment_expires_at"])
    record_event(user, "second_factor_enrolled", "user", user.username)
