"""The product's URLs plus `/bench/bare/`: a JSON view that touches no database."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from palermo.urls import urlpatterns as product


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare/", bare), *product]
