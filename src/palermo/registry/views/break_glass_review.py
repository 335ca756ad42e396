"""After-the-fact review of emergency access: the owning agency's case workers and the auditors
see every grant at once and mark each one justified or not, with a note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.audit.log import record_read
from palermo.core import limits
from palermo.registry.access import break_glass_grant_to_act_on, break_glass_grants_visible_to
from palermo.registry.forms import BreakGlassReviewForm
from palermo.registry.views.common import message_of

# Unreviewed grants are few; the whole history is shown newest first, bounded.
LIST_LIMIT = 100


def may_review_grants(user: User) -> bool:
    return user.has_role(Role.AUDITOR, Role.CASE_WORKER)


@login_required
@require_http_methods(["GET"])
def grant_list(request: HttpRequest) -> HttpResponse:
    return grant_list_page(request)


def grant_list_page(
    request: HttpRequest,
    status: int = 200,
    bound: BreakGlassReviewForm | None = None,
    bound_pk: int | None = None,
) -> HttpResponse:
    user = acting_user(request)
    if not may_review_grants(user):
        raise PermissionDenied
    show_all = request.GET.get("show") == "all"
    grants = break_glass_grants_visible_to(user)
    if not show_all:
        grants = grants.awaiting_review()
    shown = list(grants.order_by("-granted_at", "-pk")[:LIST_LIMIT])
    if shown:
        # The reasons and notes may name a person: reading them is audited by reference.
        refs = [grant.audit_ref for grant in shown]
        record_read(user, "break_glass_grant", "list", changes={"reasons_of": refs})
    context = {
        "grants": shown,
        "show_all": show_all,
        "bound": bound,
        "bound_pk": bound_pk,
        "me": user,
        "note_limit": limits.NOTE,
    }
    return render(request, "registry/break_glass_grants.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def review_grant(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    grant = break_glass_grant_to_act_on(user, pk)
    form = BreakGlassReviewForm(request.POST)
    if form.is_valid():
        try:
            grant.review(
                user, justified=form.cleaned_data["justified"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, message_of(error))
        else:
            messages.success(request, _("The emergency access is marked as reviewed."))
            return redirect("registry:break_glass_grants")
    return grant_list_page(request, status=400, bound=form, bound_pk=grant.pk)
