"""What the victim case lists share: pages of 25, filters checked by the page's own form, and
list items that carry references and codes, never a name."""

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from palermo.api.lists import paginated
from palermo.core import limits
from palermo.registry.models import VictimCase
from palermo.registry.search import ranked_order


class PageIn(Schema):
    page: int = Field(
        1, ge=1, le=limits.MAX_PAGE, description="Pages of 25; a page past the end is the last one"
    )


class CaseFilters(PageIn):
    """The case list's filters; each one left out means "any"."""

    stage: str | None = Field(None, description="A stage, e.g. screening, identified")
    agency: str | None = Field(None, description="The code of the owning agency")
    year: int | None = Field(
        None,
        ge=limits.FIRST_YEAR,
        le=limits.LAST_YEAR,
        description="A year in which a visible case was opened",
    )
    form: str | None = Field(None, description="A form of exploitation, e.g. labour")


# What an item shows, read as values: no model built per row, and none of the pages' person
# columns (and their join), which the API's items do not carry.
ITEM_FIELDS = ("reference", "stage", "owning_agency__code", "opened_at")


def page_of_cases(cases: QuerySet[VictimCase], number: int) -> dict[str, Any]:
    """A page in the list's order (best name matches first after a search by name), counted
    over the cases alone."""
    items = cases.order_by(*ranked_order(cases)).values(*ITEM_FIELDS)
    return paginated(items, number, case_item, counting=cases.order_by())


def case_item(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": case["reference"],
        "stage": case["stage"],
        "owning_agency": case["owning_agency__code"],
        "opened_at": case["opened_at"].isoformat(),
    }
