"""The administrator's pages for getting people back in: lockouts and lost second factors;
and for keeping programs out: every API token, revocable with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from palermo.accounts.models import User
from palermo.administration.access import administrator
from palermo.administration.forms import ReasonForm
from palermo.administration.people import Refused
from palermo.administration.security import (
    address_locks,
    clear_account_lock,
    clear_address_lock,
    current_locks,
    reset_second_factor,
    revoke_token,
)
from palermo.administration.views.people import PAGE_SIZE, show_link_once
from palermo.api.models import ApiToken
from palermo.paging import CappedPaginator


@login_required
@require_GET
def locks(request: HttpRequest) -> HttpResponse:
    administrator(request)
    return render(request, "administration/locks.html", {"locks": current_locks()})


@login_required
@require_POST
def clear_lock(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    by = administrator(request)
    if kind == "address":
        clear_address_lock(by, get_object_or_404(address_locks(), pk=pk))
    else:
        clear_account_lock(by, get_object_or_404(User, pk=pk, locked_until__isnull=False))
    messages.success(request, _("Unlocked."))
    return redirect("administration:locks")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    user = get_object_or_404(User, pk=pk, is_active=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        path = reset_second_factor(by, user, form.cleaned_data["reason"])
        return show_link_once(request, user.username, path)
    context = {"person": user, "form": form}
    status = 400 if form.errors else 200
    return render(request, "administration/second_factor.html", context, status=status)


@login_required
@require_GET
def tokens(request: HttpRequest) -> HttpResponse:
    administrator(request)
    listed = ApiToken.objects.select_related("user").order_by("-created_at", "-pk")
    page = CappedPaginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "administration/tokens.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_token(by, token, form.cleaned_data["reason"])
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Token revoked."))
            return redirect("administration:tokens")
    context = {"token": token, "form": form}
    status = 400 if form.errors else 200
    return render(request, "administration/token_revoke.html", context, status=status)
