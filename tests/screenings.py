"""Answer sets of the adult labour list (ILO / European Commission, 2009) and a finished
screening, shared by the screening page, API, registry and committee tests. The draft screening
and its screener are fixtures in tests/conftest.py (`screening`, `screener`)."""

from palermo.accounts.models import User
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening, record_answers, start_screening

DECEPTIVE = {
    "deceptive_recruitment.deceived_about_nature_of_job": "observed",  # strong
    "deceptive_recruitment.deceived_about_conditions_of_work": "observed",  # medium
}
EXPLOITATION = {
    "exploitation.excessive_working_days_or_hours": "observed",  # strong
    "exploitation.bad_living_conditions": "observed",  # medium
}
COERCION = {
    "coercion_at_destination.confiscation_of_documents": "observed",  # strong
    "coercion_at_destination.debt_bondage": "observed",  # strong
}
# All three dimensions present: a presumed victim.
PRESUMED_VICTIM = DECEPTIVE | EXPLOITATION | COERCION


def finished(screener: User, answers: dict[str, str]) -> Screening:
    """A screening on the adult labour list with the answers, finished and scored."""
    screening = start_screening(screener, "adult_labour")
    record_answers(screening, answers, screener)
    finish_screening(screening, screener)
    return screening
