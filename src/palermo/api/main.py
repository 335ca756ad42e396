"""The JSON API (`/api/v1/`): one NinjaAPI, a router per domain, one shape for every error.

Every operation loads records through the same access helpers as the pages (a record the caller
may not see is a 404), changes them through the same model methods and forms, and is audited
the same way. The OpenAPI description is at `/api/v1/openapi.json` and the docs page at
`/api/v1/docs/` (served from local files); both need a session or a token.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from palermo.api.errors import problems_of
from palermo.api.preconditions import PreconditionFailed
from palermo.api.refusals import declare_refusals
from palermo.api.routers import (
    audit,
    coordination,
    justice,
    registry,
    screening,
    screening_lists,
)
from palermo.api.security import BearerToken, BrowserSession, for_callers
from palermo.conflicts import Conflict

DESCRIPTION = """
Everything a person does in Palermo's pages, for their agency's programs. A call acts as one
person and sees and does exactly what they may: a record they may not see answers 404, an action
their role may not take answers 403.

**Authentication.** Send `Authorization: Bearer <token>`; make a token on the *API tokens* page
(or `palermo apitoken issue`). From a logged-in browser, the session works too, with the
`X-CSRFToken` header on every change.

**Errors.** A body that does not fit, and a rule the change breaks, both answer 422 with
`{"detail": [{"loc": ["body", "<field>"], "msg": "<what is wrong>"}]}`; a screening that is
already finished (or already has its case) answers 409 in the same shape, and so does a change
that lost a race (the record was answered, moved or decided meanwhile), with the record's state
now in `current`. Agencies are named by their code, records by their reference (`VC-…`, `CC-…`,
`S-…`, `P-…`).

**Retries and concurrent edits.** Send an `Idempotency-Key` header with a write: sent again with
the same key (after a lost answer), it answers the first answer and writes nothing more (the same
key with another body: 422). A record's GET answers an `ETag`; send it back as `If-Match` with a
change, and the change is made only if nobody changed the record meanwhile (412 otherwise).

**Personal data.** Names and document numbers never go in a URL: searches are POSTs. Every read
of a case and every change is written to the audit trail.
"""


class PalermoApi(NinjaAPI):
    """NinjaAPI whose description also declares each operation's refusals (api/refusals.py)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return declare_refusals(super().get_openapi_schema(**kwargs))


api = PalermoApi(
    title="Palermo",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[BearerToken(), BrowserSession()],
    docs_url="/docs/",
    docs_decorator=for_callers,
)
api.add_router("", registry.router)
api.add_router("", justice.router)
api.add_router("", screening.router)
api.add_router("", screening_lists.router)
api.add_router("", audit.router)
api.add_router("", coordination.router)


@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    detail: Any = str(error) or "Your role does not allow this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    # The model's refusals (a case without consent cannot be referred, …) in the same shape as
    # django-ninja's own validation errors: a list of {loc, msg}.
    return api.create_response(request, {"detail": problems_of(error)}, status=422)


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, error: Conflict) -> HttpResponse:
    # Someone changed the record first: the caller learns what it is now, and decides again.
    body = {"detail": problems_of(error), "current": error.current}
    return api.create_response(request, body, status=409)


@api.exception_handler(PreconditionFailed)
def stale(request: HttpRequest, error: PreconditionFailed) -> HttpResponse:
    message = _("The record changed since you read it: read it again, then make your change.")
    problem = {"loc": ["header", "If-Match"], "msg": message}
    response = api.create_response(request, {"detail": [problem]}, status=412)
    response["ETag"] = error.etag
    return response
