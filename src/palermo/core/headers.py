"""Response headers every answer carries: no caching of personal data, no powerful features."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

# Palermo uses none of these browser features; a page (or an injected script) cannot either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class PrivateResponsesMiddleware:
    """Answers to a logged-in person or a program (pages, API) may hold personal data: browsers
    and proxies must not store them (`Cache-Control: no-store`). Static files are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        already = "no-store" in response.get("Cache-Control", "")
        private = (
            signed_in or request.path.startswith("/api/") or "Authorization" in request.headers
        )
        if private and not already:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
