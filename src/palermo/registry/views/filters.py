"""The filters the case list and the search page share: stage, agency, year, form."""

from typing import Any

from django.db.models import QuerySet

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


def years_opened(cases: QuerySet[VictimCase]) -> list[int]:
    return sorted({d.year for d in cases.datetimes("opened_at", "year")}, reverse=True)


def for_listing(cases: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    return cases.select_related("owning_agency").order_by("-opened_at", "-pk")
