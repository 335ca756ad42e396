"""Log in with a password and a one-time code; enrol the code's app by QR; log out; language."""

import time

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.accounts.backends import SECOND_FACTOR_BACKEND
from palermo.accounts.enrolment import enrolment_token_fits, finish_enrolment
from palermo.accounts.forms import CodeForm, PasswordStepForm
from palermo.accounts.models import User
from palermo.accounts.totp import accept_code, provisioning_qr_svg
from palermo.audit.log import record_event
from palermo.core.ratelimits import limit

PENDING = "palermo_pending_user"
ENROLMENT = "palermo_enrolment_token"
PENDING_SECONDS = 300  # the second step must follow the first within five minutes
REFUSED = gettext_lazy(
    "Your username and password didn't match, or the account is locked for a while after "
    "repeated failures."
)


def _pending_key(group: str, request: HttpRequest) -> str:
    return str(request.session.get(PENDING, {}).get("id", "none"))


@limit("login_address", key="ip", methods=["POST"])
def login_password(request: HttpRequest) -> HttpResponse:
    form = PasswordStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, **form.cleaned_data)
        if isinstance(user, User):
            request.session[PENDING] = {"id": user.pk, "at": time.time(), "next": _next(request)}
            return redirect("verify" if user.totp_confirmed else "enrol")
        if getattr(request, "axes_locked_out", False):
            # A locked pair is refused before any password is checked; hash one anyway so the
            # refusal takes as long as a wrong password (AxesMiddleware then answers 429).
            User().set_password(form.cleaned_data["password"])
        form.add_error(None, REFUSED)
    return render(request, "accounts/login.html", {"form": form})


code_step_limits = [
    limit("code_address", key="ip", methods=["POST"]),
    limit("code_account", key=_pending_key, methods=["POST"]),
]


@code_step_limits[0]
@code_step_limits[1]
def login_verify(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None or not user.totp_confirmed:
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if accept_code(user, form.cleaned_data["code"]):
            return _complete_login(request, user)
        user.record_failed_login()
        record_event(user, "second_factor_failed", "user", user.username)
        form.add_error("code", _("That code is not valid. Wait for the next one and try again."))
    return render(request, "accounts/verify.html", {"form": form})


@code_step_limits[0]
@code_step_limits[1]
def login_enrol(request: HttpRequest) -> HttpResponse:
    """Show the key and confirm a first code, only for the holder of a one-time enrolment link."""
    user = _pending_user(request)
    if user is None or user.totp_confirmed:
        return redirect("login")
    if not enrolment_token_fits(user, request.session.get(ENROLMENT, "")):
        return render(request, "accounts/enrol_needs_link.html", status=403)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if accept_code(user, form.cleaned_data["code"]):
            finish_enrolment(user)
            request.session.pop(ENROLMENT, None)
            return _complete_login(request, user)
        user.record_failed_login()
        record_event(user, "second_factor_failed", "user", user.username)
        form.add_error("code", _("That code is not valid. Check the app's clock and try again."))
    context = {"form": form, "qr": provisioning_qr_svg(user), "secret": user.totp_secret}
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


def enrol_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link an administrator handed out: remember it for the enrolment step, then log in.

    The token is checked against the account only after the password step, so the link alone
    shows nothing (and tells nobody whether it is valid)."""
    request.session[ENROLMENT] = token
    return redirect("login")


def admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin has no login of its own: it sits behind the same two steps as everything else."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("admin:index")
    return redirect_to_login(target or reverse("admin:index"))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """Remember the choice on the account (it sticks across devices) and in a cookie."""
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    if isinstance(request.user, User):
        request.user.language = code
        request.user.save(update_fields=["language"])
    translation.activate(code)
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, samesite="Lax", httponly=True)
    return response


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["id"], is_active=True).first()
    return None if user is None or user.is_locked_out() else user


def _complete_login(request: HttpRequest, user: User) -> HttpResponse:
    target = request.session.pop(PENDING, {}).get("next") or reverse("home")
    login(request, user, backend=SECOND_FACTOR_BACKEND)
    user.record_successful_login()
    if user.language:
        response = redirect(target)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    return redirect(target)


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else ""
