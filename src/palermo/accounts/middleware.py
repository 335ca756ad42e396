"""Speak the language the user chose, on every device they log in from."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from palermo.accounts.models import User


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User) and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
