"""Writes for screenings: start, answer, finish, and open a victim case (with a referral) from one.

The screening writes live here rather than on the model so that the web pages, the API and the
CLI share them; opening a case spans Person, VictimCase, Consent, Referral and the Screening, so
it is one transaction.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import Agency, User
from palermo.audit.log import record_event
from palermo.registry.models import Consent, Person, Referral, Stage, VictimCase
from palermo.screening import ilo
from palermo.screening.models import Screening, ScreeningStatus


def agency_of(user: User) -> Agency:
    """Records are held by the agency of the person who makes them; a user without one can't."""
    if user.agency is None:
        raise PermissionError(f"user {user.username} belongs to no agency")
    return user.agency


def start_screening(by: User, list_code: str) -> Screening:
    ilo.indicator_list(list_code)  # refuses an unknown list before anything is written
    screening = Screening.objects.create(
        screener=by, agency=agency_of(by), indicator_list=list_code
    )
    record_event(by, "create", "screening", screening.reference, changes={"list": list_code})
    return screening


def record_answers(screening: Screening, answers: dict[str, str], by: User) -> None:
    """Store checked answers. The audit names the indicators changed, never the answers given."""
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        changed = sorted(k for k, v in answers.items() if locked.answers.get(k) != v)
        locked.answers = {**locked.answers, **answers}
        locked.save(update_fields=["answers"])
    screening.answers = locked.answers
    if changed:
        record_event(
            by, "answer", "screening", screening.reference, changes={"indicators": changed}
        )


def finish_screening(screening: Screening, by: User) -> ilo.Assessment:
    assessment = ilo.assess(screening.indicator_list, screening.answers)
    screening.outcome = assessment.outcome.value
    screening.status = ScreeningStatus.COMPLETED
    screening.completed_at = timezone.now()
    screening.save(update_fields=["outcome", "status", "completed_at"])
    record_event(
        by, "complete", "screening", screening.reference, changes={"outcome": screening.outcome}
    )
    return assessment


@dataclass(frozen=True)
class ReferralRequest:
    to_agency: Agency
    service: str


@dataclass(frozen=True)
class ConsentGiven:
    form: str  # "written" or "oral"


@transaction.atomic
def open_case_from_screening(
    screening: Screening,
    by: User,
    person_details: dict[str, Any],
    consent: ConsentGiven | None,
    referral: ReferralRequest | None,
) -> VictimCase:
    """Open the person's victim case as a presumed victim, record consent, and refer the case.

    One transaction: if the referral is refused (no consent, own agency), nothing is kept.
    """
    agency = agency_of(by)
    person = Person.objects.create(recorded_by_agency=agency, **person_details)
    record_event(by, "create", "person", person.reference)
    case = VictimCase.objects.create(person=person, owning_agency=agency, opened_by=by)
    record_event(by, "create", "victim_case", case.reference)
    _move_to_presumed_victim(case, screening, by)
    screening.person, screening.victim_case = person, case
    screening.save(update_fields=["person", "victim_case"])
    record_event(
        by, "open_case", "screening", screening.reference, changes={"case": case.reference}
    )
    if consent is not None:
        Consent.objects.create(case=case, recorded_by=by, form=consent.form, covers_referral=True)
        record_event(by, "consent", "victim_case", case.reference, changes={"form": consent.form})
    if referral is not None:
        Referral.send(case, referral.to_agency, referral.service, by)
    return case


def _move_to_presumed_victim(case: VictimCase, screening: Screening, by: User) -> None:
    # Reasons carry the screening's reference, never personal details; they are written in the
    # language of the person acting, as a reason they typed would be.
    reference = {"reference": screening.reference}
    case.move_to(
        Stage.SCREENING,
        by,
        _("Screened with the ILO indicators in screening %(reference)s.") % reference,
    )
    case.move_to(
        Stage.PRESUMED_VICTIM,
        by,
        _("Screening %(reference)s found a presumed victim of trafficking.") % reference,
    )
