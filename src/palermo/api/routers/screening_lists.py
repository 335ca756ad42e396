"""The ILO / European Commission indicator lists a screening is made with.

The lists are the published indicators, not records: any caller may read them, in their
language (the `Accept-Language` header, or the language a logged-in person chose).
"""

from django.http import Http404, HttpRequest
from ninja import Router

from palermo.api.routers.screening_shapes import list_detail, list_summary
from palermo.screening import ilo

router = Router(tags=["screenings"])


@router.get("/indicator-lists/", url_name="indicator_lists")
def indicator_lists(request: HttpRequest) -> dict[str, object]:
    return {"results": [list_summary(found) for found in ilo.indicator_lists()]}


@router.get("/indicator-lists/{code}/", url_name="indicator_list")
def indicator_list(request: HttpRequest, code: str) -> dict[str, object]:
    try:
        found = ilo.indicator_list(code)
    except ValueError:
        raise Http404 from None
    return list_detail(found)
