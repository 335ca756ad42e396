"""Plain-dict views of records for the JSON API. Personal fields appear only in person detail."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from palermo.core.statements import rows
from palermo.justice.models import CriminalCase, JudicialAuthorisation
from palermo.registry.models import Person, Referral, Service, StageTransition, VictimCase
from palermo.screening.models import Screening


def person_detail(person: Person) -> dict[str, Any]:
    return {
        "reference": person.reference,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "aliases": person.aliases,
        "date_of_birth": person.date_of_birth,
        "document_numbers": person.document_numbers,
        "phones": person.phones,
        "sex": person.sex,
        "birth_year": person.birth_year,
        "estimated_age": person.estimated_age,
        "nationality": person.nationality,
    }


def victim_case_detail(case: VictimCase) -> dict[str, Any]:
    return {
        "reference": case.reference,
        # Read with the case where it was loaded to be read (victim_case_read_by).
        "person": getattr(case, "person_reference", None) or case.person.reference,
        "stage": case.stage,
        "owning_agency": case.owning_agency.code,
        "opened_at": case.opened_at.isoformat(),
        "reflection_period": [
            when(case.reflection_period_start),
            when(case.reflection_period_end),
        ],
        "identified_on": when(case.identified_on),
        "transitions": [
            {
                "from": t["from_stage"],
                "to": t["to_stage"],
                "at": t["at"].isoformat(),
                "by": t["by__username"],
            }
            for t in _transitions_of(case)
        ],
    }


def _transitions_of(case: VictimCase) -> list[dict[str, Any]]:
    """The case's moves in order, by a statement compiled once (core/statements.py)."""

    def moves(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        made = StageTransition.objects.filter(case=stand_ins["case"]).order_by("at", "pk")
        return made.values("from_stage", "to_stage", "at", "by__username")

    return rows(("stage transitions",), moves, {"case": int}, {"case": case.pk})


def referral_detail(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "case": referral.case.reference,
        "from_agency": referral.from_agency.code,
        "to_agency": referral.to_agency.code,
        "service": referral.service,
        "urgency": referral.urgency,
        # What the receiving agency decides on (no identifying detail).
        "facts": referral.facts_for_deciding(),
        "status": referral.status,
        "sent_at": referral.sent_at.isoformat(),
        "answered_at": when(referral.answered_at),
        "ended_at": when(referral.ended_at),
    }


def criminal_case_detail(case: CriminalCase) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "stage": case.stage,
        "owning_agency": case.owning_agency.code,
        "reported_on": when(case.reported_on),
        "offences": [p.code for p in case.provisions.all()],
        "suspects": [s.person.reference for s in case.suspects.select_related("person")],
    }


def authorisation_detail(authorisation: JudicialAuthorisation) -> dict[str, Any]:
    return {
        "id": authorisation.pk,
        "case": authorisation.case.reference,
        "kind": authorisation.kind,
        "status": authorisation.status,
        "expires_at": when(authorisation.expires_at),
    }


def screening_detail(screening: Screening) -> dict[str, Any]:
    return {
        "reference": screening.reference,
        "indicator_list": screening.indicator_list,
        "status": screening.status,
        "outcome": screening.outcome,
    }


def when(value: datetime.date | None) -> str | None:
    """A date or time in ISO 8601, or None when there is none yet."""
    return value.isoformat() if value else None


def service_detail(service: Service) -> dict[str, Any]:
    return {
        "id": service.pk,
        "case": service.case.reference,
        "kind": service.kind,
        "provider": service.provider.code,
        "started_on": when(service.started_on),
        "ended_on": when(service.ended_on),
        "notes": service.notes,
    }
