"""The criminal case list's page, from statements compiled once per shape of caller and filters
(core/statements.py): the cases, then the offences of the page's cases."""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.shapes import CALLER_SLOTS, caller_values, shape_of, stand_in_for
from palermo.api.lists import filters_key, paginated
from palermo.api.serialise import when
from palermo.core.statements import StatementRows, rows, statement_context
from palermo.justice.access import criminal_cases_visible_to
from palermo.justice.forms import CaseFilterForm
from palermo.justice.models import CriminalCase

ITEM_FIELDS = (
    "pk",
    "reference",
    "stage",
    "owning_agency__code",
    "reported_on",
    "is_sex_trafficking",
    "is_labour_trafficking",
)
LIST_ORDER = ("-reported_on", "pk")


def page_of_criminal_cases(user: User, form: CaseFilterForm, number: int) -> dict[str, Any]:
    """The cases the form's filters keep of those the user may see, newest report first."""

    def listed(stand_ins: Mapping[str, Any]) -> QuerySet[CriminalCase]:
        return form.filter(criminal_cases_visible_to(stand_in_for(user, stand_ins))).order_by()

    def items(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        return listed(stand_ins).order_by(*LIST_ORDER).values(*ITEM_FIELDS)

    key = (
        "criminal case list",
        shape_of(user),
        filters_key(form.cleaned_data),
        *statement_context(),
    )
    cases = StatementRows(key, items, listed, CALLER_SLOTS, caller_values(user, timezone.now()))
    page = paginated(cases, number, dict)  # type: ignore[arg-type]
    offences = offences_of([item["pk"] for item in page["results"]])
    page["results"] = [case_item(item, offences.get(item["pk"], [])) for item in page["results"]]
    return page


def offences_of(case_ids: list[int]) -> dict[int, list[str]]:
    """Each case's offences (its provisions' codes), in code order."""
    if not case_ids:
        return {}
    through = CriminalCase.provisions.through
    slots = {f"case {index}": int for index in range(len(case_ids))}

    def charged(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        ids = [stand_ins[name] for name in slots]
        found = through.objects.filter(criminalcase__in=ids).order_by("pk")
        return found.values("criminalcase_id", "legalprovision__code")

    values = {f"case {index}": pk for index, pk in enumerate(case_ids)}
    codes: dict[int, list[str]] = {}
    for row in rows(("offences", len(case_ids)), charged, slots, values):
        codes.setdefault(row["criminalcase_id"], []).append(row["legalprovision__code"])
    return {case: sorted(found) for case, found in codes.items()}


def case_item(case: dict[str, Any], offences: list[str]) -> dict[str, Any]:
    """A line of the case list: what the page's table shows."""
    return {
        "reference": case["reference"],
        "stage": case["stage"],
        "owning_agency": case["owning_agency__code"],
        "reported_on": when(case["reported_on"]),
        "offences": offences,
        "is_sex_trafficking": case["is_sex_trafficking"],
        "is_labour_trafficking": case["is_labour_trafficking"],
    }
