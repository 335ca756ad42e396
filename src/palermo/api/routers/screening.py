"""Screenings with the ILO / European Commission indicators.

As on the pages: only screeners screen, a screening is seen by the screener who made it alone,
answers are checked against the screening's list, and a finished screening keeps its answers and
its result. A refusal that comes from the screening's state (finished, a case already opened, not
a presumed victim) is a 409 Conflict; one that comes from what was sent is a 422 naming the field
or the indicator.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Field, Query, Router, Schema, Status

from palermo.api import serialise
from palermo.api.errors import as_form_data, check, problems_of
from palermo.api.lists import chosen_by, paginated
from palermo.api.routers.screening_shapes import screening_detail, screening_summary
from palermo.api.security import caller
from palermo.core import limits
from palermo.registry.duplicates import POSSIBLE_DUPLICATES, PossibleDuplicates
from palermo.registry.models import VictimCase
from palermo.screening import ilo
from palermo.screening.access import (
    drafts_first,
    screener,
    screening_for,
    screening_read_by,
    screenings_visible_to,
)
from palermo.screening.forms import (
    NEW_PERSON,
    NewScreeningForm,
    OpenCaseForm,
    answers_from,
    notes_from,
)
from palermo.screening.models import Screening, ScreeningStatus
from palermo.screening.services import (
    ALREADY_OPENED,
    FINISHED,
    NOT_FURTHER_ASSESSMENT,
    NOT_PRESUMED_VICTIM,
    check_answers_may_change,
    check_case_may_be_opened,
    finish_screening,
    record_answers,
    screen_again,
    start_screening,
)

router = Router(tags=["screenings"])

STATE_REFUSALS = frozenset({FINISHED, ALREADY_OPENED, NOT_PRESUMED_VICTIM, NOT_FURTHER_ASSESSMENT})
Detail = dict[str, Any]
Problems = dict[str, list[dict[str, Any]]]


def conflict(error: ValidationError) -> Status[Problems]:
    return Status(409, {"detail": problems_of(error)})


@router.get("/screenings/", url_name="screenings")
def screenings(
    request: HttpRequest,
    status: ScreeningStatus | None = None,
    page: int = Query(1, ge=1, le=limits.MAX_PAGE),
) -> dict[str, object]:
    """My screenings, those in progress first; `?status=draft` or `completed` to filter."""
    found = screenings_visible_to(screener(request))
    if status is not None:
        found = found.filter(status=status)
    return paginated(drafts_first(found.select_related("victim_case")), page, screening_summary)


class NewScreeningIn(Schema):
    indicator_list: str = Field(description="The code of a list from /indicator-lists/")


@router.post("/screenings/", url_name="screening_start", response={201: Detail})
def start(request: HttpRequest, payload: NewScreeningIn) -> Status[Detail]:
    user = screener(request)
    form = NewScreeningForm(as_form_data(payload), prefix=None)
    screening = start_screening(user, check(form)["indicator_list"])
    return Status(201, screening_detail(screening))


@router.get("/screenings/{reference}/", url_name="screening")
def screening(request: HttpRequest, reference: str) -> Detail:
    found = screening_read_by(caller(request), reference)
    return screening_detail(found)


@router.patch(
    "/screenings/{reference}/answers/",
    url_name="screening_answers",
    response={200: Detail, 409: Problems},
)
def answer(
    request: HttpRequest,
    reference: str,
    answers: dict[str, str] = Body(  # noqa: B008 (django-ninja's way to take a whole body)
        ..., examples=[{"exploitation.bad_living_conditions": "observed"}]
    ),
) -> Detail | Status[Problems]:
    """Save some answers (`observed`, `not_observed` or `unknown`); the others stay as they are.
    A note on an indicator is sent as `"note.<indicator key>": "text"` (encrypted; empty clears)."""
    user = caller(request)
    found = screening_for(user, reference)
    try:
        check_answers_may_change(found)
        notes = notes_from(answers, ilo.indicator_list(found.indicator_list))
        record_answers(found, checked_answers(answers, found), user, notes)
    except ValidationError as error:
        if getattr(error, "code", None) in STATE_REFUSALS:
            return conflict(error)
        raise
    return screening_detail(found)


def checked_answers(sent: dict[str, str], screening: Screening) -> dict[str, str]:
    """The answers, checked one by one with the page's check so each refusal names its key."""
    indicators = ilo.indicator_list(screening.indicator_list)
    problems: dict[str, list[str]] = {}
    for key, value in sent.items():
        try:
            answers_from({key: value}, indicators)
        except ValidationError as error:
            problems[key] = error.messages
    if problems:
        raise ValidationError(problems)
    return answers_from(sent, indicators)  # refuses an empty body


@router.post(
    "/screenings/{reference}/again/",
    url_name="screening_again",
    response={201: Detail, 409: Problems},
)
def again(request: HttpRequest, reference: str) -> Status[Detail] | Status[Problems]:
    """After "further assessment": a new screening of the same list starting from the answers
    and notes given, pointing at this one (409 for any other result)."""
    user = screener(request)
    found = screening_for(user, reference)
    try:
        return Status(201, screening_detail(screen_again(found, user)))
    except ValidationError as error:
        return conflict(error)


@router.post(
    "/screenings/{reference}/finish/",
    url_name="screening_finish",
    response={200: Detail, 409: Problems},
)
def finish(request: HttpRequest, reference: str) -> Detail | Status[Problems]:
    """Score the answers given. The result says why: every dimension, whether it is present and
    the observed indicators in it, and how far the list was verified (warn if `provisional`)."""
    user = caller(request)
    found = screening_for(user, reference)
    try:
        finish_screening(found, user)
    except ValidationError as error:
        return conflict(error)  # finished already: the first result stands
    return screening_detail(found)


class NewPersonIn(Schema):
    reason: str = Field(
        description="Why this is not one of the likely matches; kept encrypted",
        max_length=limits.REASON,
    )


class OpenCaseIn(Schema):
    """The page's open-case form. Personal details travel in the body only, encrypted at rest."""

    given_name: str = Field("", max_length=limits.NAME)
    family_name: str = Field("", max_length=limits.NAME)
    sex: str = Field("unknown", description="female, male, other or unknown")
    birth_year: int | None = None
    estimated_age: int | None = Field(None, description="When the year of birth is not known")
    nationality: str = Field("", description="ISO 3166-1 alpha-2, e.g. PH")
    consents: bool = Field(False, description="The person consents to referral to services")
    consent_form: str = Field("", description="written or oral; required with consent")
    refer_now: bool = Field(True, description="As on the page: refer unless told not to")
    to_agency: str | None = Field(None, description="The code of the receiving agency")
    service: str = Field("", description="A service kind, e.g. shelter, medical, legal_aid")
    existing_person: str | None = Field(
        None,
        description="The reference (P-…) of a person already on record whom the case is for",
        max_length=20,
    )
    confirm_new_person: NewPersonIn | None = Field(
        None, description="A new person although likely matches exist, and why"
    )


@router.post(
    "/screenings/{reference}/open-case/",
    url_name="screening_open_case",
    response={201: Detail, 409: dict[str, list[dict[str, Any]]]},
)
def open_case(
    request: HttpRequest, reference: str, payload: OpenCaseIn
) -> Status[Detail] | Status[Problems]:
    """For a presumed victim: open the person's victim case, record consent and refer, in one
    transaction. Without consent there is no referral, and then nothing is written.

    When the person may already be on record the answer is 409 with `possible_matches` (a match
    the caller may not see shows only the agency to ask): send again with `existing_person` to
    open the case for that person, or `confirm_new_person: {"reason": …}` for a new one."""
    user = caller(request)
    found = screening_for(user, reference)
    data = as_form_data(payload)
    confirmation = data.pop("confirm_new_person", None)
    if confirmation is not None and not data.get("existing_person"):
        data.update(existing_person=NEW_PERSON, new_person_reason=confirmation["reason"])
    try:
        check_case_may_be_opened(found)
        form = chosen_by(OpenCaseForm(data, user=user, prefix=None), to_agency="code")
        check(form)
        case = form.open_case_from(found, user)
    except PossibleDuplicates as duplicates:
        return Status(409, possible_duplicates(duplicates))
    except ValidationError as error:
        if getattr(error, "code", None) in STATE_REFUSALS:
            return conflict(error)
        raise
    return Status(201, opened(found, case))


def possible_duplicates(duplicates: PossibleDuplicates) -> Problems:
    message = _(
        "This person may already be on record: send existing_person, or confirm_new_person "
        "with a reason."
    )
    return {
        "detail": [{"loc": ["body"], "msg": message, "type": POSSIBLE_DUPLICATES}],
        "possible_matches": duplicates.shown_to_user(),
    }


def opened(screening: Screening, case: VictimCase) -> Detail:
    referral = case.referrals.select_related("case", "from_agency", "to_agency").first()
    consent = case.consents.first()
    return {
        "screening": screening.reference,
        "victim_case": serialise.victim_case_detail(case),
        "consent": consent.form if consent else None,
        "referral": serialise.referral_detail(referral) if referral else None,
    }
