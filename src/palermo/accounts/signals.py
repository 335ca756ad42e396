"""Audit logins and failed logins (django-axes counts failures per account and address)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from palermo.accounts.models import User
from palermo.audit.log import record_event


@receiver(user_login_failed)
def count_failed_login(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    user = User.objects.filter(username=credentials.get("username", "")).first()
    record_event(None, "login_failed", "user", user.username if user else "")


@receiver(user_logged_in)
def audit_login(sender: Any, user: User, **kwargs: Any) -> None:
    record_event(user, "login", "user", user.username)
