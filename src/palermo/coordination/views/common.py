"""What every coordination view shares: the plain form page (who is asking: `access.member`)."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
