"""The product's URLs plus two views to measure against, on the same server and middleware:

- `/bench/bare/`: a JSON view that touches no database;
- `/api/bench/floor/`: an API call that does nothing, behind the API's own rate limits and
  bearer-token authentication — the fixed cost every API call pays before its own work."""

from django.http import HttpRequest, JsonResponse
from django.urls import path
from ninja import NinjaAPI

from palermo.api.security import BearerToken
from palermo.urls import urlpatterns as product

floor = NinjaAPI(urls_namespace="bench_floor", auth=[BearerToken()], docs_url=None)


@floor.get("/floor/")
def authenticated_nothing(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare/", bare), path("api/bench/", floor.urls), *product]
