"""What the criminal-justice endpoints share: refusing as the pages do, naming choices as the API
names records, paging lists, and the dicts they answer with (references, codes and usernames;
never a person's name)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

from palermo.api.serialise import when
from palermo.justice.models import (
    Appeal,
    Charge,
    CourtDecision,
    CriminalTransition,
    JudicialAuthorisation,
    Suspect,
    VictimLink,
)


def refuse_unless(allowed: bool, refusal: Promise | str) -> None:
    """403 with the page's own refusal, for a caller who may see the case but not do this."""
    if not allowed:
        raise PermissionDenied(str(refusal))


def transition_detail(transition: CriminalTransition) -> dict[str, Any]:
    case = transition.case
    return {
        "case": case.reference,
        "stage": case.stage,
        "from": transition.from_stage,
        "to": transition.to_stage,
        "at": when(transition.at),
        "by": transition.by.username,
        "prosecution_agency": case.prosecution_agency.code if case.prosecution_agency else None,
        "court_agency": case.court_agency.code if case.court_agency else None,
    }


def suspect_detail(suspect: Suspect) -> dict[str, Any]:
    return {
        "case": suspect.case.reference,
        "person": suspect.person.reference,
        "role": suspect.role,
        "arrested_on": when(suspect.arrested_on),
    }


def victim_link_detail(link: VictimLink) -> dict[str, Any]:
    return {
        "case": link.criminal_case.reference,
        "victim_case": link.victim_case.reference,
        "capacity": link.capacity,
    }


def charge_detail(charge: Charge) -> dict[str, Any]:
    return {
        "id": charge.pk,
        "case": charge.case.reference,
        "suspect": charge.suspect.person.reference,
        "provision": charge.provision.code,
        "filed_on": when(charge.filed_on),
        "filed_by": charge.filed_by.username,
    }


def decision_detail(decision: CourtDecision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "charge": decision.charge_id,
        "case": decision.charge.case.reference,
        "court": decision.court.code,
        "outcome": decision.outcome,
        "decided_on": when(decision.decided_on),
        "decided_by": decision.decided_by.username,
        "is_final": decision.is_final,
        "sentence": sentence_of(decision),
    }


def sentence_of(decision: CourtDecision) -> dict[str, Any] | None:
    """Only a conviction carries a sentence."""
    sentence = getattr(decision, "sentence", None)  # the reverse one-to-one, or no row
    if sentence is None:
        return None
    return {
        "prison_months": sentence.prison_months,
        "suspended": sentence.suspended,
        "fine": str(sentence.fine),
        "compensation_to_victims": str(sentence.compensation_to_victims),
    }


def appeal_detail(appeal: Appeal) -> dict[str, Any]:
    return {
        "id": appeal.pk,
        "decision": appeal.decision_id,
        "case": appeal.decision.charge.case.reference,
        "filed_on": when(appeal.filed_on),
        "by_party": appeal.by_party,
        "outcome": appeal.outcome or None,
        "decided_on": when(appeal.decided_on),
    }


def authorisation_row(authorisation: JudicialAuthorisation) -> dict[str, Any]:
    """The request and its decision; never its scope (encrypted, shown on the case file only)."""
    officer = authorisation.judicial_officer
    return {
        "id": authorisation.pk,
        "case": authorisation.case.reference,
        "kind": authorisation.kind,
        "court": authorisation.court.code,
        "status": authorisation.status,
        "requested_by": authorisation.requested_by.username,
        "requested_at": when(authorisation.requested_at),
        "judicial_officer": officer.username if officer else None,
        "decided_at": when(authorisation.decided_at),
        "expires_at": when(authorisation.expires_at),
        "in_force": authorisation.is_in_force(),
    }
