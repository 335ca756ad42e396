"""Who is calling the API: a program with a bearer token, or a person's logged-in browser.

A browser session must also pass the CSRF check on every change (django-ninja's SessionAuth does
it); a bearer token travels in a header no other site can make a browser send, so it needs none.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from palermo.accounts.models import User
from palermo.api.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = ApiToken.holder_of(token)
        if user is not None:
            # Views and access helpers read request.user, whichever way the caller came in.
            request.user = user
        return user


class BrowserSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if isinstance(user, User) else None


def caller(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's auth ran first
    return user
