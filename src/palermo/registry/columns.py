"""The non-identifying columns of a case in a list and in its export, worked out once.

The list's query annotates the person's sex, year of birth, estimated age and nationality onto
each case (`views.cases.with_columns`); nothing here reads a name."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.registry.vocabulary import Sex

# The UN Convention on the Rights of the Child: a child is anyone under 18.
ADULT_AGE = 18

CHILD, ADULT, AGE_UNKNOWN = _("child"), _("adult"), _("age unknown")


def age_group_of(case: Any) -> str:
    """Child, adult or unknown, from the year of birth or else the estimated age (the list's
    annotations)."""
    birth_year = getattr(case, "person_birth_year", None)
    age = timezone.localdate().year - birth_year if birth_year else None
    if age is None:
        age = getattr(case, "person_estimated_age", None)
    return age_group(age)


def age_group_of_person(person: Any, day: datetime.date) -> str:
    return age_group(person.age_on(day))


def age_group(age: int | None) -> str:
    if age is None:
        return str(AGE_UNKNOWN)
    return str(CHILD if age < ADULT_AGE else ADULT)


def sex_of(case: Any) -> str:
    code = getattr(case, "person_sex", None) or Sex.UNKNOWN
    return str(Sex(code).label)


def flags_of(case: Any) -> list[str]:
    flags = []
    if case.reflection_period_ends_soon():
        flags.append(str(_("reflection period ending")))
    return flags


EXPORT_HEADER = [
    _("Reference"),
    _("Stage"),
    _("Owning agency"),
    _("Assigned to"),
    _("Sex"),
    _("Age group"),
    _("Nationality"),
    _("Opened"),
    _("Last activity"),
    _("Days in stage"),
    _("Flags"),
]


def export_row(case: Any) -> list[Any]:
    assigned = case.assigned_to.get_username() if case.assigned_to_id else ""
    return [
        case.reference,
        str(case.get_stage_display()),
        case.owning_agency.local_name,
        assigned,
        sex_of(case),
        age_group_of(case),
        getattr(case, "person_nationality", "") or "",
        timezone.localtime(case.opened_at).date().isoformat(),
        timezone.localtime(case.last_activity_at).date().isoformat(),
        case.days_in_stage(),
        "; ".join(flags_of(case)),
    ]
