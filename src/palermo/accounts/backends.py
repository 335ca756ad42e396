"""Who a session belongs to, and how a password is checked.

A session counts only once both factors are passed: `SecondFactorBackend` is the one backend whose
sessions are honoured, and only `accounts.views` logs a person in with it, after the one-time code.
A session made by any other way in (Django's admin login, `authenticate` + `login` elsewhere) was
made with the password backend, which recognises nobody on later requests.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from palermo.accounts.models import User

SECOND_FACTOR_BACKEND = "palermo.accounts.backends.SecondFactorBackend"


class SecondFactorBackend(ModelBackend):
    """Loads the user of a session that passed the code step; never checks a password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        return None


class ThrottledModelBackend(AxesStandaloneBackend, ModelBackend):
    """The password step: refuses a locked (account, address) pair (django-axes) and an account
    locked after wrong one-time codes, and never carries a session by itself."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is not None:
            # Raises PermissionDenied (a failed login) while the pair is locked out.
            AxesStandaloneBackend.authenticate(self, request, username, password, **kwargs)
        candidate = User.objects.filter(username=username).first()
        if candidate is not None and candidate.is_locked_out():
            return None
        user = ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
        # Failures are only forgiven once the second factor is passed too (see accounts.views).
        return user if isinstance(user, User) else None

    def get_user(self, user_id: Any) -> None:
        return None
