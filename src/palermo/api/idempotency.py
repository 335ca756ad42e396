"""Writes that are safe to send twice: an `Idempotency-Key` on API writes, a submission key on
page forms.

A client that sent a write and lost the connection cannot know whether it was made. It sends it
again with the same key: the first answer comes back (with `Idempotent-Replayed: true`) and
nothing is written twice. The key, the write and the stored answer commit in one transaction, so
a write that was made always has its answer stored, and a request that failed (5xx) leaves
nothing behind and may be retried. Two requests with one key at the same moment: the second
waits on the first's row and then gets its answer.

Keys are kept per user for `IDEMPOTENCY_WINDOW`; the same key with another request is refused
(422 on the API, 409 on the pages). On the pages, palermo.js gives every form a key when it is
shown, so a double click or a resent form after a lost answer lands on the same result.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import User
from palermo.api.models import IDEMPOTENCY_WINDOW, ApiToken, IdempotentRequest

API_PREFIX = "/api/"
HEADER = "Idempotency-Key"
FORM_FIELD = "submission_key"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY_LENGTH = 200
# Answers that say nothing about the write (who is asking, how often) are not kept: the same
# request, once authenticated or slowed down, must be able to go through.
NOT_KEPT = frozenset({401, 403, 429})


@dataclass(frozen=True)
class Claim:
    user: User
    key: str
    fingerprint: str
    is_api: bool


class RolledBack(Exception):
    """A write that failed (5xx): undo everything it did, its key included."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        claim = claim_of(request)
        if claim is None:
            return self.get_response(request)
        try:
            with transaction.atomic():
                return self.answer_once(request, claim)
        except RolledBack as failed:
            return failed.response

    def answer_once(self, request: HttpRequest, claim: Claim) -> HttpResponse:
        forget_expired(claim)
        try:
            with transaction.atomic():
                record = IdempotentRequest.objects.create(
                    user=claim.user, key=claim.key, fingerprint=claim.fingerprint, status_code=0
                )
        except IntegrityError:
            # Sent before (or at this moment, and the first has now committed): its answer.
            return replay(request, claim)
        response = self.get_response(request)
        if response.status_code >= 500:
            raise RolledBack(response)
        if is_kept(response, claim):
            keep(record, response)
        else:
            record.delete()
        return response


def claim_of(request: HttpRequest) -> Claim | None:
    if request.method not in WRITES:
        return None
    is_api = request.path.startswith(API_PREFIX)
    key = request.headers.get(HEADER, "") if is_api else form_key(request)
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    user = caller_of(request, is_api)
    if user is None:
        return None  # the view answers 401 or sends to the login page
    return Claim(user, key, fingerprint_of(request, is_api), is_api)


def form_key(request: HttpRequest) -> str:
    if request.content_type not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        return ""
    return str(request.POST.get(FORM_FIELD, ""))


def caller_of(request: HttpRequest, is_api: bool) -> User | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if is_api and scheme.lower() == "bearer" and token:
        return ApiToken.holder_of(token)
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


def fingerprint_of(request: HttpRequest, is_api: bool) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if is_api:
        digest.update(request.body)
    else:
        # A page form's CSRF token is masked afresh on every render: leave it out.
        for name in sorted(request.POST):
            if name != "csrfmiddlewaretoken":
                digest.update(f"{name}={request.POST.getlist(name)}\n".encode())
    return digest.hexdigest()


def forget_expired(claim: Claim) -> None:
    cutoff = timezone.now() - IDEMPOTENCY_WINDOW
    IdempotentRequest.objects.filter(user=claim.user, created_at__lt=cutoff).delete()


def is_kept(response: HttpResponse, claim: Claim) -> bool:
    if claim.is_api:
        return response.status_code not in NOT_KEPT
    # A page keeps the redirect that follows a change; a form sent back with its errors
    # changed nothing, and may be corrected and sent again.
    return 300 <= response.status_code < 400


def keep(record: IdempotentRequest, response: HttpResponse) -> None:
    record.status_code = response.status_code
    record.content_type = response.get("Content-Type", "")
    record.headers = {h: response[h] for h in ("Location", "ETag") if response.has_header(h)}
    record.body = response.content.decode() if not response.streaming else ""
    record.save(update_fields=["status_code", "content_type", "headers", "body"])


def replay(request: HttpRequest, claim: Claim) -> HttpResponse:
    first = IdempotentRequest.objects.get(user=claim.user, key=claim.key)
    if first.fingerprint != claim.fingerprint:
        return refused_reuse(request, claim)
    response = HttpResponse(first.body, status=first.status_code, content_type=first.content_type)
    for header, value in first.headers.items():
        response[header] = value
    response["Idempotent-Replayed"] = "true"
    return response


def refused_reuse(request: HttpRequest, claim: Claim) -> HttpResponse:
    if claim.is_api:
        message = _("This Idempotency-Key was already used for a different request.")
        problem = {"loc": ["header", HEADER], "msg": message}
        return JsonResponse({"detail": [problem]}, status=422)
    context = {
        "heading": _("This form was already sent"),
        "explanation": _(
            "The form was sent before with other values. Reload the page to see what was "
            "recorded, then make your change again."
        ),
    }
    return render(request, "409.html", context, status=409)
