"""Referrals: sent from the case file with consent, answered by the receiving agency's case
workers from their referral list, ended by either side once accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.conflicts import Conflict
from palermo.paging import CappedPaginator
from palermo.registry.access import (
    referral_for,
    referrals_visible_to,
    victim_cases_visible_to,
)
from palermo.registry.forms import ReferralForm
from palermo.registry.models import Referral, VictimCase
from palermo.registry.models.referral import ReferralStatus
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on, message_of, user_of


@login_required
@require_http_methods(["GET"])
def referral_list(request: HttpRequest) -> HttpResponse:
    return referral_list_page(request)


REFERRALS_PER_PAGE = 10


def referral_list_page(request: HttpRequest, status: int = 200) -> HttpResponse:
    """The three boxes, each paged on its own (`waiting_page`, `received_page`, `sent_page`), so
    a busy agency's page stays a screen or two long."""
    boxes = referral_boxes(user_of(request))
    context = {
        name: CappedPaginator(boxes[box].order_by("-sent_at", "-pk"), REFERRALS_PER_PAGE).get_page(
            request.GET.get(f"{name}_page")
        )
        for name, box in [("waiting", "waiting"), ("received", "answered"), ("sent", "sent")]
    }
    return render(request, "registry/referral_list.html", context, status=status)


def referral_boxes(user: User) -> dict[str, QuerySet[Referral]]:
    """The agency's referrals: waiting for its answer, answered by it, and sent by it."""
    visible = referrals_visible_to(user).select_related("case__person", "from_agency", "to_agency")
    return {
        "waiting": visible.filter(to_agency=user.agency_id, status=ReferralStatus.SENT),
        "answered": visible.filter(to_agency=user.agency_id).exclude(status=ReferralStatus.SENT),
        "sent": visible.filter(from_agency=user.agency_id),
    }


@login_required
@require_http_methods(["POST"])
def send_referral(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    user = user_of(request)
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
    user = user_of(request)
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


def referral_to_answer(user: User, pk: int) -> Referral:
    """The referral if the user's agency is on either side of it (404 otherwise) and the user
    acts on cases (403 otherwise); the model then lets only the receiving agency answer."""
    # The receiving agency cannot see the case before accepting: load the referral, not the case.
    referral = referral_for(user, pk)
    if not user.has_role(Role.CASE_WORKER):
        raise PermissionDenied
    return referral


@login_required
@require_http_methods(["POST"])
def end_referral(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_to_act_on(request, reference)
    referral = referral_to_end(user_of(request), case, pk)
    status = 200
    try:
        referral.end(user_of(request))
    except ValidationError as error:
        messages.error(request, message_of(error))
        status = 409 if isinstance(error, Conflict) else 200
    else:
        messages.success(request, _("The referral is ended."))
    # A receiving agency that ends its referral loses sight of the case: back to its list.
    if not victim_cases_visible_to(user_of(request)).filter(pk=case.pk).exists():
        return redirect("registry:referral_list")
    if status == 409:
        return render_case_file(request, case, status=409)
    return back_to_case(case, "referrals")


def referral_to_end(user: User, case: VictimCase, pk: int) -> Referral:
    """A referral of the case (the user may act on it): only the sending or the receiving
    agency ends a referral, so for anyone else it does not exist."""
    referral = referrals_visible_to(user).filter(case=case, pk=pk).first()
    if referral is None:
        raise Http404
    return referral
