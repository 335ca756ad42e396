"""What the exchange commands share: who is acting, and the progress bar."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from palermo.accounts.models import User
from palermo.exchange.access import may_exchange


def add_actor_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="username",
        required=True,
        help="the analyst making the release (it is recorded and audited under this name)",
    )


def acting_user(options: dict[str, Any]) -> User:
    user = User.objects.filter(username=options["username"], is_active=True).first()
    if user is None or not may_exchange(user):
        raise CommandError(
            f"{options['username']!r} is not an active user with the analyst role, "
            "who alone may exchange data"
        )
    return user


def share(text: str) -> float:
    """`5%` or `0.05` as a share between 0 and 1."""
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise CommandError(
            f"--suppress-max must be a share like 5% or 0.05, got {text!r}"
        ) from None
    if not 0 <= value < 1:
        raise CommandError(f"--suppress-max must be at least 0% and below 100%, got {text!r}")
    return value
