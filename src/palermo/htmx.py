"""What the server does differently for requests htmx sends in place of a page load."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseRedirectBase


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class LeavePageOnRedirectMiddleware:
    """An htmx request that is redirected to another page sends the whole browser there.

    htmx follows a redirect inside its request and swaps a part of what it gets into the page it
    came from. That is right when a form on a case file redirects back to the same case file, and
    wrong when it leads elsewhere (a receiving agency that ends its referral loses sight of the
    case; an expired session sends everyone to the login page): there the part is missing, and
    the user would see an empty space instead of the page they were sent to."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_htmx(request) or not isinstance(response, HttpResponseRedirectBase):
            return response
        target = response["Location"]
        if urlsplit(target).path == _page_the_request_came_from(request):
            return response
        leave = HttpResponse(status=200)
        leave["HX-Redirect"] = target
        return leave


def _page_the_request_came_from(request: HttpRequest) -> str:
    return urlsplit(request.headers.get("HX-Current-URL", "")).path
