"""Show times in the active jurisdiction's time zone; they are stored in UTC."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from palermo.jurisdiction.models import Jurisdiction


def active_time_zone_name() -> str:
    name = cache.get("palermo:time_zone")
    if name is None:
        try:
            active = Jurisdiction.objects.active()
        except DatabaseError:
            # The database is away: the request answers its own error (or the login page and
            # health checks answer without it); the time zone need not fail it first.
            return "UTC"
        name = active.time_zone if active else "UTC"
        cache.set("palermo:time_zone", name, 60)
    return str(name)


class JurisdictionTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(active_time_zone_name())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
