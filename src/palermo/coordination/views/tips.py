"""Tips: the public form (no login), the hotline operator's form, and the triage queue."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.coordination.access import tip_read_by, tip_to_act_on, tips_visible_to, triages_tips
from palermo.coordination.forms.tips import (
    AssessForm,
    CloseForm,
    ForwardForm,
    HotlineTipForm,
    LinkForm,
    PublicTipForm,
)
from palermo.coordination.models import Tip, TipChannel, TipStatus
from palermo.core.ratelimits import limit
from palermo.justice.access import criminal_cases_visible_to
from palermo.screening.access import screenings_visible_to

# A tip is a few short fields; anything bigger is not a tip (checked before the body is parsed).
PUBLIC_BODY_LIMIT = 16 * 1024


@never_cache
@csrf_exempt  # checked below, once the size is known: the CSRF check would parse any body
@require_http_methods(["GET", "POST"])
@limit("public_tip", key="ip", methods=["POST"])  # 429 with Retry-After, nothing stored
def public_tip(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "coordination/public_tip.html", {"form": PublicTipForm()})
    refused = _refusal(request) or _csrf_refusal(request)
    if refused:
        return refused
    form = PublicTipForm(request.POST)
    if not form.is_valid():
        return render(request, "coordination/public_tip.html", {"form": form}, status=400)
    if not form.is_from_a_robot():  # a robot is thanked like anyone, and nothing is stored
        form.cleaned_data["language"] = get_language()
        form.save_tip()
    return redirect("tip_thanks")


def _refusal(request: HttpRequest) -> HttpResponse | None:
    """A body too big, or a file: refused, nothing stored."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = PUBLIC_BODY_LIMIT + 1
    if length > PUBLIC_BODY_LIMIT or not (request.content_type or "").startswith(
        "application/x-www-form-urlencoded"
    ):
        context = {"message": _("This form takes a few lines of text, and no files.")}
        return render(request, "coordination/public_refused.html", context, status=413)
    return None


def _csrf_refusal(request: HttpRequest) -> HttpResponse | None:
    """Django's own CSRF check, run after the size check rather than before it."""
    checker = CsrfViewMiddleware(lambda _request: HttpResponse())
    return checker.process_view(request, _checked_view, (), {})


def _checked_view(request: HttpRequest) -> HttpResponse:  # pragma: no cover (never called)
    raise NotImplementedError


@never_cache
@require_http_methods(["GET"])
def tip_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "coordination/public_thanks.html", {"hotline": settings.PALERMO_HOTLINE})


def _triage_user(request: HttpRequest) -> User:
    user = acting_user(request)
    if not may_read(user, "tip") or user.agency_id is None:
        raise Http404
    return user


@login_required
@require_http_methods(["GET"])
def tip_queue(request: HttpRequest) -> HttpResponse:
    user = _triage_user(request)
    status = request.GET.get("status", "open")
    tips = tips_visible_to(user).select_related("forwarded_to")
    if status == "open":
        tips = tips.exclude(status=TipStatus.CLOSED)
    else:
        tips = tips.filter(status=TipStatus.CLOSED)
    page = Paginator(tips, 25).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "triages": triages_tips(user)}
    return render(request, "coordination/tip_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def hotline_tip(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not triages_tips(user):
        raise Http404
    form = HotlineTipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tip = form.save_tip(form.cleaned_data["channel"] or TipChannel.PHONE, by=user)
        messages.success(request, _("The tip is recorded."))
        return redirect("coordination:tip_detail", tip.reference)
    context = {"form": form}
    return render(
        request, "coordination/hotline_tip.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET"])
def tip_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    return render_tip(request, tip_read_by(user, reference), user)


def render_tip(
    request: HttpRequest, tip: Tip, user: User, status: int = 200, **bound: object
) -> HttpResponse:
    context = {
        "tip": tip,
        "triages": triages_tips(user),
        "assess_form": bound.get("assess") or AssessForm(initial={"note": tip.assessment}),
        "forward_form": bound.get("forward") or ForwardForm(user=user),
        "link_form": bound.get("link") or LinkForm(),
        "close_form": bound.get("close") or CloseForm(),
        "inspections": tip.inspections.all(),
    }
    return render(request, "coordination/tip.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def tip_act(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    """Assess, forward (triage agencies only), link or close a tip."""
    user = acting_user(request)
    tip = tip_to_act_on(user, reference)
    forms = {"assess": AssessForm, "link": LinkForm, "close": CloseForm, "forward": ForwardForm}
    if action not in forms or (action == "forward" and not triages_tips(user)):
        raise Http404
    form = (
        ForwardForm(request.POST, user=user) if action == "forward" else forms[action](request.POST)
    )
    if form.is_valid():
        try:
            _apply(tip, action, form.cleaned_data, user)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return render_tip(request, tip, user, status=400, **{action: form})
    messages.success(request, _("The tip is updated."))
    return redirect("coordination:tip_detail", tip.reference)


def _apply(tip: Tip, action: str, data: dict[str, object], user: User) -> None:
    if action == "assess":
        tip.assess(str(data["note"]), user)
    elif action == "forward":
        tip.forward(data["agency"], user)  # type: ignore[arg-type]
    elif action == "close":
        tip.close(str(data["reason"]), user)
    else:
        screening = criminal_case = None
        if data["screening"]:
            screening = screenings_visible_to(user).filter(reference=data["screening"]).first()
            if screening is None:
                raise ValidationError(_("No screening of yours has this reference."))
        if data["criminal_case"]:
            found = criminal_cases_visible_to(user).filter(reference=data["criminal_case"])
            criminal_case = found.first()
            if criminal_case is None:
                raise ValidationError(_("No criminal case you can see has this reference."))
        tip.link(user, screening=screening, criminal_case=criminal_case)
