"""Which cases a list shows and in what order: the filters the case list, the search page, the
export and the API share (stage, agency, year, form, flags), and the columns they read."""

from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from palermo.registry.models import VictimCase

CASES_PER_PAGE = 25


def filter_cases(cases: QuerySet[VictimCase], filters: dict[str, Any]) -> QuerySet[VictimCase]:
    if filters.get("stage"):
        cases = cases.filter(stage=filters["stage"])
    if filters.get("agency"):
        cases = cases.filter(owning_agency=filters["agency"])
    if filters.get("year"):
        cases = cases.filter(opened_at__year=filters["year"])
    if filters.get("form"):
        # The JSON list's text holds each code in quotes; no code is a part of another quoted
        # one, and this works on SQLite too (which has no JSON `contains`).
        cases = cases.filter(exploitation__forms__icontains=f'"{filters["form"]}"')
    return cases


def years_opened() -> list[int]:
    """The years a filter may ask for: from the first case on record to this year.

    One lookup on the list's index, whatever the number of cases (the years of the visible
    cases alone would read all of them on every list and search)."""
    first = VictimCase.objects.order_by("opened_at").values_list("opened_at", flat=True).first()
    return years_since(first.year) if first else []


def years_since(first: int) -> list[int]:
    return list(range(max(first, timezone.now().year), first - 1, -1))


# The lists' order, newest first, along the index the model declares for it.
LIST_ORDER = ("-opened_at", "-pk")


def for_listing(cases: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    return with_columns(cases).order_by(*LIST_ORDER)


def with_columns(cases: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    """The person's non-identifying columns as annotations: a list never loads (nor decrypts)
    a name to show a sex or an age."""
    return cases.select_related("owning_agency", "assigned_to").annotate(
        person_sex=F("person__sex"),
        person_birth_year=F("person__birth_year"),
        person_estimated_age=F("person__estimated_age"),
        person_nationality=F("person__nationality"),
    )
