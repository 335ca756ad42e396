"""When the database goes away: clear answers, health checks, and a worker that waits.

- Pages answer the translated error page; the API answers problem details
  (`application/problem+json`, RFC 9457). An unreachable database is a 503 with `Retry-After`,
  anything else a 500; neither says more than that.
- `/healthz` says the process answers (it touches nothing); `/readyz` says the database answers
  and the background worker has been seen lately (its heartbeat), for a load balancer.
- Stale persistent connections are checked before use (`CONN_HEALTH_CHECKS` in settings).
"""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 5
# The worker touches its heartbeat file at least this often; twice as long without is "down".
HEARTBEAT_SECONDS = 15
UNREACHABLE = (OperationalError, InterfaceError)


def database_unreachable(error: BaseException | None) -> bool:
    return isinstance(error, UNREACHABLE)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: what a request that broke answers."""
    unreachable = database_unreachable(sys.exc_info()[1])
    status = 503 if unreachable else 500
    if request.path.startswith("/api/"):
        response: HttpResponse = problem(status, unreachable)
    else:
        page = "503.html" if unreachable else "500.html"
        response = HttpResponse(loader.get_template(page).render(), status=status)
    if unreachable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def problem(status: int, unreachable: bool) -> JsonResponse:
    title = _("Service unavailable") if unreachable else _("Internal server error")
    detail = (
        _("The database cannot be reached. Try again in a few seconds.")
        if unreachable
        else _("The server could not finish this request.")
    )
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JsonResponse(body, status=status, content_type="application/problem+json")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers. Touches neither the database nor the session."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers, and the worker was seen lately."""
    checks = {"database": database_answers(), "worker": worker_seen_lately()}
    ready = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def database_answers() -> bool:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        connection.close()
        return False


def heartbeat_file() -> Path:
    return Path(settings.PALERMO_WORKER_HEARTBEAT)


def beat() -> None:
    path = heartbeat_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def worker_seen_lately() -> bool:
    try:
        age = time.time() - heartbeat_file().stat().st_mtime
    except OSError:
        return False
    return age < 2 * HEARTBEAT_SECONDS
