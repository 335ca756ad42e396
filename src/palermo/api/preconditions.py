"""ETags and `If-Match`: two agencies editing one record cannot silently overwrite each other.

A record's ETag is a keyed digest of its API representation (keyed, so the tag tells nothing
about the content to someone who only sees tags). A GET answers it in the `ETag` header; a
change sent with `If-Match` is made only if the record still has that tag, checked on the
locked row in the change's transaction, and answers 412 otherwise. Without `If-Match` a change
is made as before (the moves still refuse a stale stage with 409).
"""

import json
from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from palermo.conflicts import locked_row


class PreconditionFailed(Exception):
    """The record changed since the caller read it (its ETag differs from `If-Match`)."""

    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def etag_of(representation: dict[str, Any]) -> str:
    canonical = json.dumps(representation, sort_keys=True, separators=(",", ":"), default=str)
    return (
        '"' + salted_hmac("palermo.api.etag", canonical, algorithm="sha256").hexdigest()[:32] + '"'
    )


def tagged(response: HttpResponse, representation: dict[str, Any]) -> dict[str, Any]:
    """The representation, with its ETag set on the answer."""
    response["ETag"] = etag_of(representation)
    return representation


def check_if_match[M: models.Model](
    request: HttpRequest, record: M, represent: Callable[[M], dict[str, Any]]
) -> None:
    """Lock the record's row and refuse (412) if it no longer has the tag the caller holds.

    Call inside the change's transaction, before the change; does nothing without If-Match."""
    wanted = request.headers.get("If-Match")
    if not wanted:
        return
    current = etag_of(represent(locked_row(record)))
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    if "*" not in tags and current not in tags:
        raise PreconditionFailed(current)
