"""Synthetic persons for the duplicate warning and search: the two of issue 13, already on record,
one at the screener's own agency (police) and one at another agency (the shelter NGO)."""

from collections.abc import Callable

from palermo.accounts.models import User
from palermo.registry.models import Person, VictimCase
from palermo.screening.models import Screening
from palermo.screening.services import (
    finish_screening,
    open_case_from_screening,
    record_answers,
    start_screening,
)
from tests.screenings import PRESUMED_VICTIM

LAN = {
    "given_name": "Thi Lan",
    "family_name": "Nguyen",
    "sex": "female",
    "birth_year": None,
    "estimated_age": 24,
    "nationality": "VN",
}
VU = {
    "given_name": "Vũ",
    "family_name": "Phạm",
    "sex": "male",
    "birth_year": 1990,
    "estimated_age": None,
    "nationality": "VN",
}


def presumed_victim_screening(screener: User) -> Screening:
    screening = start_screening(screener, "adult_labour")
    record_answers(screening, PRESUMED_VICTIM, screener)
    finish_screening(screening, screener)
    return screening


def lan_on_record(screener: User) -> VictimCase:
    """Thi Lan Nguyen, whose case the screener opened earlier (so they see her)."""
    return open_case_from_screening(presumed_victim_screening(screener), screener, LAN, None, None)


def vu_elsewhere(make_user: Callable[..., User]) -> VictimCase:
    """Vũ Phạm, on record at the shelter NGO only: the police may not see him."""
    worker = make_user("shelter-worker", "shelter-ngo", "case_worker")
    person = Person.objects.create(recorded_by_agency=worker.agency, **VU)
    return VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)
