"""Rate limits: one place that says how often, and one answer (429 with Retry-After) when over.

Counts live in the shared cache (a database table, `palermo.core.cache.AtomicDatabaseCache`), so
they hold across every web process. Login failures per (account, address) pair are django-axes'
job (see settings); everything else goes through `limit`:

    from palermo.core.ratelimits import limit

    @limit("public_form", key="ip", methods=["POST"])
    def tip_form(request): ...

The rate is looked up by the group's name in RATES (settings.PALERMO_RATES overrides), when the
request comes, so a deployment or a test can change it; or pass `every="5/m"` explicitly.

`key` is any django-ratelimit key ("ip", "user", "header:x-…") or a function (group, request).
"""

import hashlib
import math
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

View = Callable[..., HttpResponse]
Key = str | Callable[[str, HttpRequest], str]

# Requests per period, per key. Generous for people and well-behaved programs, costly for
# guessing and scraping. Settings may override any of them (PALERMO_RATES).
RATES: dict[str, str] = {
    "login_address": "30/m",  # password attempts from one address, whatever the account
    "code_address": "20/m",  # one-time-code attempts from one address
    "code_account": "10/m",  # one-time-code attempts for one pending account
    "api_address": "600/m",  # API calls from one address, with or without a token
    "api_token": "300/m",  # API calls with one token (good or bad)
    "public_form": "10/h",  # a public form from one address
    "public_tip": "5/h",  # the public tip form from one address
}


def rate(name: str) -> str:
    """The rate called `name`, as configured (settings.PALERMO_RATES overrides the defaults)."""
    return {**RATES, **getattr(settings, "PALERMO_RATES", {})}[name]


def over_limit(
    request: HttpRequest,
    group: str,
    key: Key,
    every: str | None = None,
    methods: Iterable[str] | None = None,
) -> int:
    """Count this request; the seconds to wait when it is over the limit, else 0."""
    if key == "ip" and not request.META.get("REMOTE_ADDR"):
        # A server that passes no client address (a Unix socket, some proxies) shares one count
        # instead of failing every request (django-ratelimit's "ip" key needs the address).
        key = _no_address
    usage = get_usage(
        request,
        group=group,
        key=key,
        rate=every or rate(group),
        method=list(methods) if methods else ALL,
        increment=True,
    )
    if not usage or not usage["should_limit"]:
        return 0
    return max(1, math.ceil(usage["time_left"]))


def _no_address(group: str, request: HttpRequest) -> str:
    return "no-address"


def limit(
    group: str, key: Key, every: str | None = None, methods: Iterable[str] | None = None
) -> Callable[[View], View]:
    """View decorator: over the limit, answer 429 with Retry-After instead of running the view."""

    def decorate(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            wait = over_limit(request, group, key, every, methods)
            if wait:
                return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429, as JSON for programs and as a page for people, always with Retry-After."""
    response: HttpResponse
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": "Too many requests; try again later."}, status=429)
    else:
        response = render(
            request, "too_many_requests.html", {"retry_after": retry_after}, status=429
        )
    response["Retry-After"] = str(retry_after)
    return response


def axes_locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """django-axes' answer for a locked (account, address) pair: the same 429 as every limit."""
    return too_many_requests(request, settings.PALERMO_LOCKOUT_MINUTES * 60)


def token_key(group: str, request: HttpRequest) -> str:
    """The bearer token's digest (never the token itself), or the address when there is none."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        return hashlib.sha256(token.encode()).hexdigest()
    return "no-token"


class ApiRateLimitMiddleware:
    """Every API call counts per address and per token, before the token is even looked up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            wait = over_limit(request, "api_address", "ip") or over_limit(
                request, "api_token", token_key
            )
            if wait:
                return too_many_requests(request, wait)
        return self.get_response(request)
