"""A person's notifications: unread first, marked read one by one or all at once."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.paging import CappedPaginator
from palermo.registry.access import notifications_of

NOTIFICATIONS_PER_PAGE = 25


@login_required
@require_http_methods(["GET"])
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = notifications_of(acting_user(request)).order_by("-created_at", "-pk")
    page = CappedPaginator(mine, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "registry/notifications.html", {"page": page})


@login_required
@require_http_methods(["POST"])
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = notifications_of(acting_user(request)).filter(pk=pk).first()
    if notification is None:
        raise Http404
    notification.mark_read()
    return redirect("registry:notifications")


@login_required
@require_http_methods(["POST"])
def mark_all_read(request: HttpRequest) -> HttpResponse:
    notifications_of(acting_user(request)).filter(read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("registry:notifications")
