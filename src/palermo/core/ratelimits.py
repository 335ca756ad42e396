"""Rate limits: one place that says how often, and one answer (429 with Retry-After) when over.

Counts live in a database table (`palermo.core.models.RateCount`), so they hold across every web
process; each request is counted with one upsert (one round trip, atomic, no transaction of its
own; an API call's two counts share it), and on PostgreSQL the table is UNLOGGED, so counting
never waits for a disk flush. Login failures per (account, address) pair are django-axes' job
(see settings); everything else goes through `limit`:

    from palermo.core.ratelimits import limit

    @limit("public_form", key="ip", methods=["POST"])
    def tip_form(request): ...

The rate is looked up by the group's name in RATES (settings.PALERMO_RATES overrides), when the
request comes, so a deployment or a test can change it; or pass `every="5/m"` explicitly.

`key` is "ip" (the client's address) or a function (group, request) returning the key. Windows
are fixed (they end on a multiple of the period, in Unix time).
"""

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from palermo.core.models import RateCount

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
    if methods is not None and request.method not in {m.upper() for m in methods}:
        return 0
    return over_limits(request, [(group, key, every)])


def over_limits(request: HttpRequest, limits: list[tuple[str, Key, str | None]]) -> int:
    """Count this request under each (group, key, rate or None for the group's) in one
    statement; the longest wait any of them asks for, else 0."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return 0
    now = int(time.time())
    windows = {}
    for group, key, every in limits:
        allowed, period = split_rate(every or rate(group))
        value = _key_value(request, group, key)
        digest = hashlib.sha256(f"{group}|{allowed}/{period}|{value}".encode()).hexdigest()
        windows[digest] = (allowed, now - now % period + period)
    counted = count_requests({digest: ends for digest, (_, ends) in windows.items()}, now)
    waits = [
        max(1, ends - now)
        for digest, (count, ends) in counted.items()
        if count > windows[digest][0]
    ]
    return max(waits, default=0)


def split_rate(every: str) -> tuple[int, int]:
    """ "30/m" → (30, 60); "10/5m" → (10, 300). Units: s, m, h, d."""
    matched = re.fullmatch(r"(\d+)/(\d*)([smhd])", every)
    if matched is None:
        raise ImproperlyConfigured(f"not a rate: {every!r} (e.g. 30/m, 10/5m)")
    allowed, multiple, unit = matched.groups()
    return int(allowed), int(multiple or 1) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


def count_requests(window_ends: dict[str, int], now: int) -> dict[str, tuple[int, int]]:
    """Add one to each key's count in its current window (a new window starts at 1): one
    statement, atomic on every database, whatever the number of processes counting. Keys go
    in one order, so two requests counting the same keys never wait on each other in a circle."""
    keys = sorted(window_ends)
    rows = ", ".join(["(%s, 1, %s)"] * len(keys))
    values = [v for key in keys for v in (key, window_ends[key])]
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL.replace("{rows}", rows), [*values, now, now])
        counted = {key: (int(count), int(ends)) for key, count, ends in cursor.fetchall()}
    if now % CULL_EVERY_SECONDS == 0:
        RateCount.objects.filter(window_ends__lt=now - CULL_EVERY_SECONDS).delete()
    return counted


# Insert the key at 1, or add one to it; a window that has ended starts again at 1.
COUNT_SQL = """
INSERT INTO core_ratecount (key, count, window_ends) VALUES {rows}
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN core_ratecount.window_ends <= %s THEN 1
                 ELSE core_ratecount.count + 1 END,
    window_ends = CASE WHEN core_ratecount.window_ends <= %s THEN excluded.window_ends
                       ELSE core_ratecount.window_ends END
RETURNING key, count, window_ends
"""
# Counts of windows that ended a day ago are removed, in the second (of Unix time) that is a
# multiple of this: now and then, by whichever request counts then, without any bookkeeping.
CULL_EVERY_SECONDS = 86400 // 24


def _key_value(request: HttpRequest, group: str, key: Key) -> str:
    if callable(key):
        return key(group, request)
    if key == "ip":
        # A server that passes no client address (a Unix socket, some proxies) shares one
        # count instead of failing every request.
        return request.META.get("REMOTE_ADDR") or _no_address(group, request)
    raise ImproperlyConfigured(f"unknown rate-limit key {key!r}: use 'ip' or a function")


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
            wait = over_limits(
                request, [("api_address", "ip", None), ("api_token", token_key, None)]
            )
            if wait:
                return too_many_requests(request, wait)
        return self.get_response(request)
