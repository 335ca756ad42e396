"""The audit trail for auditors: who did what and when, never the records' content."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.audit.access import audit_entries_visible_to
from palermo.audit.reads import fold_pending_reads
from palermo.jobs.tasks import start_job, verify_audit_trail

FILTERS = ("actor", "action", "object_type", "object_ref")


@login_required
@require_GET
def trail(request: HttpRequest) -> HttpResponse:
    user = _auditor(request)
    fold_pending_reads()  # the trail shows every read, including the ones not yet chained
    entries = audit_entries_visible_to(user).order_by("-sequence")
    chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
    for name, value in chosen.items():
        if value:
            entries = entries.filter(**{name: value})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    jobs = user.jobs.filter(kind="verify_audit")[:5]
    return render(request, "audit/trail.html", {"page": page, "chosen": chosen, "jobs": jobs})


@login_required
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    """The check reads every entry, so it runs in the worker; the page shows its progress."""
    job = start_job("verify_audit", _auditor(request), verify_audit_trail)
    return redirect("jobs:detail", job.pk)


def _auditor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may_read(user, "audit_entry"):
        raise Http404
    return user
