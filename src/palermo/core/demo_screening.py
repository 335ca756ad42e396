"""Demo screenings: drafts to finish and completed ones with each outcome, by each screener."""

from palermo.core.demo import DemoWorld
from palermo.screening import ilo
from palermo.screening.services import finish_screening, record_answers, start_screening

SCREENERS = ["screener", "labour", "hotline"]


def seed_screenings(world: DemoWorld, per_screener: int = 8) -> None:
    for username in SCREENERS:
        screener = world.users[username]
        for number in range(per_screener):
            code = world.rng.choice([indicators.code for indicators in ilo.indicator_lists()])
            screening = start_screening(screener, code)
            keys = ilo.indicator_list(code).indicator_keys
            observed = world.rng.sample(sorted(keys), k=world.rng.randint(0, min(12, len(keys))))
            record_answers(screening, dict.fromkeys(observed, ilo.Answer.OBSERVED.value), screener)
            if number % 3:  # two in three are finished; the rest wait for a decision
                finish_screening(screening, screener)
