"""Referrals: sent from the case file with consent, answered by the receiving agency's case
workers from their referral list, ended by either side once accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.conflicts import Conflict
from palermo.paging import CappedPaginator
from palermo.registry.access import (
    record_referrals_read,
    referral_boxes,
    referral_to_answer,
    referral_to_end,
    victim_cases_visible_to,
)
from palermo.registry.forms import ReferralForm
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on, message_of


@login_required
@require_http_methods(["GET"])
def referral_list(request: HttpRequest) -> HttpResponse:
    return referral_list_page(request)


REFERRALS_PER_PAGE = 10


def referral_list_page(request: HttpRequest, status: int = 200) -> HttpResponse:
    """The three boxes, each paged on its own (`waiting_page`, `received_page`, `sent_page`), so
    a busy agency's page stays a screen or two long."""
    user = acting_user(request)
    boxes = referral_boxes(user)
    context = {
        name: CappedPaginator(boxes[box].order_by("-sent_at", "-pk"), REFERRALS_PER_PAGE).get_page(
            request.GET.get(f"{name}_page")
        )
        for name, box in [("waiting", "waiting"), ("received", "answered"), ("sent", "sent")]
    }
    record_referrals_read(user, (r.pk for page in context.values() for r in page.object_list))
    return render(request, "registry/referral_list.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def send_referral(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    user = acting_user(request)
    form = ReferralForm(request.POST, user=user)
    if form.is_valid():
        try:
            referral = form.send_for(case, user)
        except ValidationError as error:
            form.add_error(None, message_of(error))
        else:
            messages.success(
                request, _("The case is referred to %(agency)s.") % {"agency": referral.to_agency}
            )
            return back_to_case(case, "referrals")
    return render_case_file(request, case, status=400, bound={"referral": form})


@login_required
@require_http_methods(["POST"])
def accept_referral(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=True)


@login_required
@require_http_methods(["POST"])
def decline_referral(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)


def _answer(request: HttpRequest, pk: int, *, accept: bool) -> HttpResponse:
    user = acting_user(request)
    referral = referral_to_answer(user, pk)
    try:
        referral.answer(accept, user, reason=request.POST.get("reason", ""))
    except Conflict as error:
        # Answered meanwhile (by a colleague, or this same answer sent twice): say what it is now.
        messages.error(request, message_of(error))
        return referral_list_page(request, status=409)
    except ValidationError as error:
        messages.error(request, message_of(error))
        return redirect("registry:referral_list")
    if accept:
        messages.success(request, _("Referral accepted: the case is now open to your agency."))
        return back_to_case(referral.case)
    messages.success(request, _("Referral declined."))
    return redirect("registry:referral_list")


@login_required
@require_http_methods(["POST"])
def end_referral(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_to_act_on(request, reference)
    referral = referral_to_end(acting_user(request), case, pk)
    status = 200
    try:
        referral.end(acting_user(request))
    except ValidationError as error:
        messages.error(request, message_of(error))
        status = 409 if isinstance(error, Conflict) else 200
    else:
        messages.success(request, _("The referral is ended."))
    # A receiving agency that ends its referral loses sight of the case: back to its list.
    if not victim_cases_visible_to(acting_user(request)).filter(pk=case.pk).exists():
        return redirect("registry:referral_list")
    if status == 409:
        return render_case_file(request, case, status=409)
    return back_to_case(case, "referrals")
