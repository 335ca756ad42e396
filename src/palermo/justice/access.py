"""The access helpers for criminal cases and judicial authorisations: `*_for` loads what the user
may read; `*_read_by` also records the read, so the page and the API audit it alike."""

from django.db.models import OuterRef, Q, QuerySet
from django.http import Http404

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.accounts.roles import Role
from palermo.audit.log import record_read
from palermo.core.probes import ProbedExists
from palermo.justice.models import CriminalCase, JudicialAuthorisation
from palermo.justice.models.authorisation import AuthorisationQuerySet


def criminal_cases_visible_to(user: User) -> QuerySet[CriminalCase]:
    if not may_read(user, "criminal_case") or user.agency_id is None:
        return CriminalCase.objects.none()
    scope = Q(pk__in=[])
    if user.has_role(Role.INVESTIGATOR):
        scope |= Q(owning_agency=user.agency_id)
    if user.has_role(Role.PROSECUTOR):
        scope |= Q(prosecution_agency=user.agency_id)
    if user.has_role(Role.JUDICIAL_OFFICER):
        # A court sees what is submitted to it: the case at trial, or a request for a measure.
        requests = JudicialAuthorisation.objects.filter(case=OuterRef("pk"), court=user.agency_id)
        scope |= Q(court_agency=user.agency_id) | Q(ProbedExists(requests))
    # EXISTS, not a join: no duplicates, so no DISTINCT sorting every visible case; probed row
    # by row (core/probes.py), so a page reads its own rows and not every request to the court.
    return CriminalCase.objects.filter(scope)


def sees_for_an_authorisation_only(user: User, case: CriminalCase) -> bool:
    """A court asked for a measure (a warrant, a detention) but not trying the case.

    It sees what the request needs: the case summary, offences, suspects, the timeline and its own
    requests. It does not see the victims linked to the case, nor charges, court decisions and
    appeals from another court: a warrant does not need them, and victims are known to as few
    people as possible."""
    return not (
        case.is_investigated_by(user) or case.is_prosecuted_by(user) or case.is_judged_by(user)
    )


def criminal_case_for(user: User, reference: str) -> CriminalCase:
    found = criminal_cases_visible_to(user).filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def criminal_case_read_by(user: User, reference: str) -> CriminalCase:
    """The case (404 as `criminal_case_for`), its read recorded: the page and the API alike."""
    found = criminal_case_for(user, reference)
    record_criminal_case_read(user, found)
    return found


def record_criminal_case_read(user: User, case: CriminalCase) -> None:
    record_read(user, "criminal_case", case.reference)


def authorisations_visible_to(user: User) -> AuthorisationQuerySet:
    if not may_read(user, "authorisation") or user.agency_id is None:
        return JudicialAuthorisation.objects.none()
    scope = Q(pk__in=[])
    if user.has_role(Role.INVESTIGATOR):
        scope |= Q(case__owning_agency=user.agency_id)
    if user.has_role(Role.PROSECUTOR):
        scope |= Q(case__prosecution_agency=user.agency_id)
    if user.has_role(Role.JUDICIAL_OFFICER):
        scope |= Q(court=user.agency_id)
    return JudicialAuthorisation.objects.filter(scope)


def authorisation_for(user: User, pk: int) -> JudicialAuthorisation:
    found = authorisations_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def authorisation_read_by(user: User, pk: int) -> JudicialAuthorisation:
    """The authorisation (404 as `authorisation_for`), read as part of its case, recorded."""
    found = authorisation_for(user, pk)
    record_read(user, "authorisation", found.case.reference)
    return found
