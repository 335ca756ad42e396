"""The rate limit of the public tip form, in one place so it can be swapped for a shared helper.

django-ratelimit counts POSTs per client address in the `ratelimit` cache (the database's, so
every web process shares the count). A limited request is not refused here: the view answers it
with 429 and stores nothing.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.decorators import ratelimit


def tip_rate(group: str, request: HttpRequest) -> str:
    """Read at each request, so the setting can change without a restart of the code path."""
    return str(settings.PALERMO_TIP_RATE)


def limit_public_tips[F: Callable[..., Any]](view: F) -> F:
    decorated: F = ratelimit(
        group="public-tip", key="ip", rate=tip_rate, method="POST", block=False
    )(view)
    return decorated


def is_limited(request: HttpRequest) -> bool:
    return bool(getattr(request, "limited", False))
