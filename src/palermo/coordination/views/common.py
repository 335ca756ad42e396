"""What every coordination view shares: who is asking, and the plain form page."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.accounts.models import User
from palermo.coordination.access import takes_part


def member(request: HttpRequest) -> User:
    """The user, when they work for an agency taking part in the committee's work (else 404)."""
    user = request.user
    assert isinstance(user, User)  # every view is behind @login_required
    if not takes_part(user):
        raise Http404
    return user


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    title: Any,
    submit: Any,
    *,
    status: int = 200,
    back: str = "",
    multipart: bool = False,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "back": back,
        "multipart": multipart,
    }
    return render(request, "coordination/form.html", context, status=status)
