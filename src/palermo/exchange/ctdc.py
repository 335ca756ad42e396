"""The registry as a CTDC table: one row per victim person (not per case or record).

This is the documented mapping table of docs/exchange.md. Codes go through the registry's
vocabulary (`CTDC_FIELD`) and `-99` is written only by `palermo_analytics.disclosure.to_ctdc`.
No name, date finer than the year, reference or free text ever enters the table.
"""

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd
from django.db.models import Q, TextChoices

from palermo.accounts.roles import AgencyKind
from palermo.registry.models import Exploitation, VictimCase
from palermo.registry.vocabulary import (
    CTDC_FIELD,
    ExploitationForm,
    LabourSector,
    MeansOfControl,
    RecruiterRelation,
    Sex,
    SexualExploitationType,
    ctdc_age_band,
)
from palermo_analytics.disclosure import FLAG_COLUMNS, RELEASE_COLUMNS, to_ctdc

GENDER = {
    Sex.FEMALE: "Female",
    Sex.MALE: "Male",
    Sex.OTHER: "Transgender/NonConforming",
    Sex.UNKNOWN: None,
}
# Code lists on Exploitation and the vocabulary that maps each to its CTDC flag columns.
CODE_LISTS: dict[str, type[TextChoices]] = {
    "forms": ExploitationForm,
    "means_of_control": MeansOfControl,
    "labour_sectors": LabourSector,
    "sexual_types": SexualExploitationType,
    "recruiter_relations": RecruiterRelation,
}
PRESUMED_OR_IDENTIFIED = Q(reflection_period_start__isnull=False) | Q(identified_on__isnull=False)


def victim_cases(year_from: int, year_to: int) -> "Iterable[VictimCase]":
    """Cases of persons presumed or identified as victims, the person's first case in range."""
    return (
        VictimCase.objects.filter(PRESUMED_OR_IDENTIFIED)
        .filter(opened_at__year__gte=year_from, opened_at__year__lte=year_to)
        .select_related("person", "owning_agency")
        .order_by("opened_at", "pk")
    )


def registry_table(year_from: int, year_to: int) -> pd.DataFrame:
    """One CTDC row per victim person registered (first presumed) in the years given."""
    by_person: dict[int, list[VictimCase]] = defaultdict(list)
    for case in victim_cases(year_from, year_to):
        by_person[case.person_id].append(case)
    exploitation = {
        e.case_id: e
        for e in Exploitation.objects.filter(
            case__in=[c for cases in by_person.values() for c in cases]
        )
    }
    rows = [_person_row(cases, exploitation) for cases in by_person.values()]
    return pd.DataFrame(rows, columns=RELEASE_COLUMNS)


def _person_row(cases: list[VictimCase], exploitation: dict[int, Exploitation]) -> dict[str, str]:
    first = cases[0]
    person = first.person
    age = ctdc_age_band(person.age_on(first.opened_at.date()))
    row: dict[str, str | bool | None] = {
        "yearOfRegistration": str(first.opened_at.year),
        "Datasource": "Hotline"
        if first.owning_agency.kind == AgencyKind.HOTLINE
        else "Case Management",
        "gender": GENDER.get(Sex(person.sex)),
        "ageBroad": age,
        "majorityStatus": None
        if age is None
        else ("Minor" if age in {"0--8", "9--17"} else "Adult"),
        "citizenship": person.nationality or None,
    }
    details = [exploitation[c.pk] for c in cases if c.pk in exploitation]
    row["CountryOfExploitation"] = next(
        (d.country_of_exploitation for d in details if d.country_of_exploitation), None
    )
    row |= _flags(details)
    return {column: to_ctdc(value) for column, value in row.items()}


def _flags(details: list[Exploitation]) -> dict[str, bool | None]:
    """Each CTDC flag: unknown when nothing was recorded, else whether any case records it."""
    if not details:
        return dict.fromkeys(sorted(FLAG_COLUMNS))
    flags: dict[str, bool | None] = dict.fromkeys(sorted(FLAG_COLUMNS), False)
    for detail in details:
        for field, vocabulary in CODE_LISTS.items():
            for code in getattr(detail, field):
                flags[CTDC_FIELD[vocabulary][code]] = True
    abducted = [d.was_abducted for d in details if d.was_abducted is not None]
    flags["isAbduction"] = any(abducted) if abducted else None
    return flags
