"""Who is calling the API: a program with a bearer token, or a person's logged-in browser.

A browser session must also pass the CSRF check on every change (django-ninja's SessionAuth does
it); a bearer token travels in a header no other site can make a browser send, so it needs none.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.csp import CSP  # type: ignore[import-not-found,unused-ignore]
from django.views.decorators.csp import csp_override
from ninja.security import HttpBearer, SessionAuth

from palermo.accounts.models import User
from palermo.api.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = ApiToken.holder_of(token)
        if user is not None:
            # Views and access helpers read request.user, whichever way the caller came in.
            request.user = user
            # Messages in the holder's language, unless the program asked for one itself.
            if user.language and "Accept-Language" not in request.headers:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        return user


class BrowserSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if isinstance(user, User) else None


def caller(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the API's auth ran first
    return user


# The docs page (Swagger UI, served from local files) sets style attributes; it shows no personal
# data, so on that page alone inline *styles* are allowed. Scripts stay 'self' only.
DOCS_CSP: dict[str, Any] = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
}


def for_callers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The API's description and docs page: for a logged-in person or a program with a token.

    A browser without a session goes to the login page; a program gets 401, as from the API."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            holder = ApiToken.holder_of(token) if scheme.lower() == "bearer" and token else None
            if holder is None:
                if "text/html" in request.headers.get("Accept", ""):
                    return redirect_to_login(request.get_full_path())
                return JsonResponse({"detail": "Unauthorized"}, status=401)
            request.user = holder
        return view(request, *args, **kwargs)

    return csp_override(DOCS_CSP)(guarded)
