"""Password login that refuses locked accounts (after repeated failures)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from palermo.accounts.models import User


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        candidate = User.objects.filter(username=username).first()
        if candidate is not None and candidate.is_locked_out():
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        # Failures are only forgiven once the second factor is passed too (see accounts.views).
        return user if isinstance(user, User) else None
