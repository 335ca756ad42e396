"""What the victim case lists share: pages of 25, filters checked by the page's own form, and
list items that carry references and codes, never a name."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from ninja import Field, Schema
from ninja.errors import ValidationError as QueryError

from palermo.registry.models import VictimCase
from palermo.registry.views.filters import CASES_PER_PAGE, for_listing


class PageIn(Schema):
    page: int = Field(1, ge=1, description="Pages of 25; a page past the end is the last one")


class CaseFilters(PageIn):
    """The case list's filters; each one left out means "any"."""

    stage: str | None = Field(None, description="A stage, e.g. screening, identified")
    agency: int | None = Field(None, description="The id of the owning agency")
    year: int | None = Field(None, description="A year in which a visible case was opened")
    form: str | None = Field(None, description="A form of exploitation, e.g. labour")


def page_of[M: Model](
    records: QuerySet[M], number: int, item: Callable[[M], dict[str, Any]]
) -> dict[str, Any]:
    """One page of a list, as the pages' paginator gives it (a page past the end is the last)."""
    page = Paginator(records, CASES_PER_PAGE).get_page(number)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [item(record) for record in page],
    }


def page_of_cases(cases: QuerySet[VictimCase], number: int) -> dict[str, Any]:
    return page_of(for_listing(cases), number, case_item)


def case_item(case: VictimCase) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "stage": case.stage,
        "owning_agency": case.owning_agency.code,
        "opened_at": case.opened_at.isoformat(),
    }


def checked_query(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or its errors located in the query string (as ninja's own)."""
    if not form.is_valid():
        raise QueryError(
            [
                {"loc": ["query", field], "msg": message}
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    return form.cleaned_data
