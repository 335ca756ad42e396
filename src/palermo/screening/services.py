"""Writes for screenings: start, answer, finish, and open a victim case (with a referral) from one.

The screening writes live here rather than on the model so that the web pages, the API and the
CLI share them; opening a case spans Person, VictimCase, Consent, Referral and the Screening, so
it is one transaction.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import Agency, User
from palermo.audit.log import record_event
from palermo.registry.duplicates import (
    PersonChoice,
    check_new_person,
    person_chosen,
    record_new_person_confirmation,
)
from palermo.registry.models import Consent, Person, Referral, Stage, VictimCase
from palermo.registry.system_notes import system_note
from palermo.screening import ilo
from palermo.screening.models import Screening, ScreeningStatus
from palermo.screening.outcomes import ScreeningOutcome

# The codes of the refusals that come from a screening's state rather than from what was sent:
# the API answers them with 409 Conflict, the pages with a message.
FINISHED = "finished"
ALREADY_OPENED = "already_opened"
NOT_PRESUMED_VICTIM = "not_presumed_victim"
NOT_FURTHER_ASSESSMENT = "not_further_assessment"
# The outcomes from which a case may be opened: a presumed victim, or indicators that call for
# an assessment by an agency (the case then stays at "screening" until that agency decides).
OPENS_A_CASE = frozenset({ScreeningOutcome.PRESUMED_VICTIM, ScreeningOutcome.FURTHER_ASSESSMENT})


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


def record_answers(
    screening: Screening, answers: dict[str, str], by: User, notes: dict[str, str] | None = None
) -> None:
    """Store checked answers and notes. The audit names the indicators changed, never the
    answers given nor what a note says."""
    notes = notes or {}
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        # Checked under the lock, so answers can't slip in after a finish that raced them.
        check_answers_may_change(locked)
        changed = sorted(k for k, v in answers.items() if locked.answers.get(k) != v)
        noted = sorted(k for k, v in notes.items() if locked.indicator_notes.get(k, "") != v)
        locked.answers = {**locked.answers, **answers}
        kept = {**locked.indicator_notes, **notes}
        locked.indicator_notes = {key: note for key, note in kept.items() if note}
        locked.save(update_fields=["answers", "indicator_notes"])
    screening.answers, screening.indicator_notes = locked.answers, locked.indicator_notes
    if changed or noted:
        record_event(
            by,
            "answer",
            "screening",
            screening.reference,
            changes={"indicators": changed, **({"notes_on": noted} if noted else {})},
        )


def screen_again(screening: Screening, by: User) -> Screening:
    """After "further assessment": a new screening of the same list, starting from the answers
    and notes given, that points at the first. The first keeps its result."""
    if screening.outcome != ScreeningOutcome.FURTHER_ASSESSMENT:
        raise ValidationError(
            _("Only a screening that asks for further assessment is screened again."),
            code=NOT_FURTHER_ASSESSMENT,
        )
    again = Screening.objects.create(
        screener=by,
        agency=agency_of(by),
        indicator_list=screening.indicator_list,
        answers=dict(screening.answers),
        indicator_notes=dict(screening.indicator_notes),
        person=screening.person,
        follows=screening,
    )
    record_event(
        by, "create", "screening", again.reference, changes={"follows": screening.reference}
    )
    return again


def check_answers_may_change(screening: Screening) -> None:
    if screening.status != ScreeningStatus.DRAFT:
        raise ValidationError(_("This screening is finished: its answers stay."), code=FINISHED)


def finish_screening(screening: Screening, by: User) -> ilo.Assessment:
    """Score the answers given; a finished screening keeps its first result."""
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        if locked.status != ScreeningStatus.DRAFT:
            raise ValidationError(_("This screening was already finished."), code=FINISHED)
        assessment = ilo.assess(locked.indicator_list, locked.answers)
        locked.outcome = assessment.outcome.value
        locked.status = ScreeningStatus.COMPLETED
        locked.completed_at = timezone.now()
        locked.save(update_fields=["outcome", "status", "completed_at"])
    screening.answers, screening.outcome = locked.answers, locked.outcome
    screening.status, screening.completed_at = locked.status, locked.completed_at
    record_event(
        by, "complete", "screening", screening.reference, changes={"outcome": screening.outcome}
    )
    return assessment


def check_case_may_be_opened(screening: Screening) -> None:
    """Only a finished screening of a presumed victim (or one asking for further assessment)
    opens a case, and only one case."""
    if screening.victim_case_id is not None:
        raise ValidationError(
            _("A victim case was already opened from this screening."), code=ALREADY_OPENED
        )
    if not (screening.status == ScreeningStatus.COMPLETED and screening.outcome in OPENS_A_CASE):
        raise ValidationError(
            _(
                "Only a finished screening of a presumed victim, or one that asks for further"
                " assessment, opens a case."
            ),
            code=NOT_PRESUMED_VICTIM,
        )


@dataclass(frozen=True)
class ReferralRequest:
    to_agency: Agency
    service: str


@dataclass(frozen=True)
class ConsentGiven:
    form: str  # "written" or "oral"


def open_case_from_screening(
    screening: Screening,
    by: User,
    person_details: dict[str, Any],
    consent: ConsentGiven | None,
    referral: ReferralRequest | None,
    choice: PersonChoice | None = None,
) -> VictimCase:
    """Open the person's victim case as a presumed victim, record consent, and refer the case.

    The person is the existing one the user chose, or a new one once no likely match is on
    record or the user gave a reason (else PossibleDuplicates is raised, and nothing is written).
    The duplicate check runs before the transaction, so its audit entry stays when it refuses.
    """
    choice = choice or PersonChoice()
    existing = person_chosen(by, choice)
    set_aside = None if existing else check_new_person(by, person_details, choice)
    return _open_case(screening, by, person_details, consent, referral, existing, choice, set_aside)


@transaction.atomic
def _open_case(
    screening: Screening,
    by: User,
    person_details: dict[str, Any],
    consent: ConsentGiven | None,
    referral: ReferralRequest | None,
    existing: Person | None,
    choice: PersonChoice,
    set_aside: list[str] | None,
) -> VictimCase:
    """One transaction: if the referral is refused (no consent, own agency), nothing is kept."""
    # Locked and checked again inside the transaction: two clicks (or a page and a program) at
    # once must not open two cases for one person.
    check_case_may_be_opened(Screening.objects.select_for_update().get(pk=screening.pk))
    agency = agency_of(by)
    if existing is not None:
        person = existing
        record_event(by, "link_existing_person", "person", person.reference)
    else:
        person = Person.objects.create(recorded_by_agency=agency, **person_details)
        record_event(by, "create", "person", person.reference)
        if choice.new_person_reason.strip():
            record_new_person_confirmation(by, person, choice.new_person_reason, set_aside or [])
    case = VictimCase.objects.create(person=person, owning_agency=agency, opened_by=by)
    record_event(by, "create", "victim_case", case.reference)
    if screening.outcome == ScreeningOutcome.PRESUMED_VICTIM:
        _move_to_presumed_victim(case, screening, by)
    else:
        case.move_to(
            Stage.SCREENING,
            by,
            system_note(
                "Screening %(reference)s found indicators that call for further assessment.",
                reference=screening.reference,
            ),
        )
    screening.person, screening.victim_case = person, case
    screening.save(update_fields=["person", "victim_case"])
    record_event(
        by, "open_case", "screening", screening.reference, changes={"case": case.reference}
    )
    if consent is not None:
        Consent.record(case, by, form=consent.form)
    if referral is not None:
        Referral.send(case, referral.to_agency, referral.service, by)
    return case


def _move_to_presumed_victim(case: VictimCase, screening: Screening, by: User) -> None:
    # Reasons carry the screening's reference, never personal details; stored in English and
    # shown in the reader's language (palermo.registry.system_notes).
    reference = screening.reference
    case.move_to(
        Stage.SCREENING,
        by,
        system_note(
            "Screened with the ILO indicators in screening %(reference)s.", reference=reference
        ),
    )
    case.move_to(
        Stage.PRESUMED_VICTIM,
        by,
        system_note(
            "Screening %(reference)s found a presumed victim of trafficking.", reference=reference
        ),
    )
