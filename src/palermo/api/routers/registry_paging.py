"""What the victim case lists share: pages of 25, filters checked by the page's own form, and
list items that carry references and codes, never a name."""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Schema

from palermo.accounts.models import User
from palermo.accounts.shapes import CALLER_SLOTS, caller_values, shape_of, stand_in_for
from palermo.api.lists import filters_key, paginated
from palermo.core import limits
from palermo.core.statements import StatementRows, statement_context
from palermo.registry.access import victim_cases_visible_to
from palermo.registry.listing import LIST_ORDER, filter_cases
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


def page_of_listed_cases(user: User, filters: dict[str, Any], number: int) -> dict[str, Any]:
    """The case list's page, as `page_of_cases` gives it for the visible cases filtered, from
    statements compiled once per shape of caller and filters (core/statements.py)."""

    def listed(stand_ins: Mapping[str, Any]) -> QuerySet[VictimCase]:
        visible = victim_cases_visible_to(stand_in_for(user, stand_ins), now=stand_ins["now"])
        return filter_cases(visible, filters).order_by()

    def items(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        return listed(stand_ins).order_by(*LIST_ORDER).values(*ITEM_FIELDS)

    key = ("victim case list", shape_of(user), filters_key(filters), *statement_context())
    rows = StatementRows(key, items, listed, CALLER_SLOTS, caller_values(user, timezone.now()))
    return paginated(rows, number, case_item)  # type: ignore[arg-type]


def case_item(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": case["reference"],
        "stage": case["stage"],
        "owning_agency": case["owning_agency__code"],
        "opened_at": case["opened_at"].isoformat(),
    }
