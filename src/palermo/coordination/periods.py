"""Reporting periods: a quarter ("2026Q3", the default) or a year ("2026")."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD = re.compile(r"^(?P<year>\d{4})(?:Q(?P<quarter>[1-4]))?$")


@dataclass(frozen=True)
class Period:
    code: str
    start: date
    end: date  # inclusive

    def __str__(self) -> str:
        return self.code

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_period(code: str) -> Period:
    """A period from its code; a malformed code is refused with the code and the expected form."""
    found = PERIOD.match(code.strip().upper())
    if found is None:
        raise ValueError(f"period {code!r}: expected a year (2026) or a quarter (2026Q3)")
    year = int(found["year"])
    if found["quarter"] is None:
        return Period(str(year), date(year, 1, 1), date(year, 12, 31))
    quarter = int(found["quarter"])
    start = date(year, 3 * quarter - 2, 1)
    following = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return Period(f"{year}Q{quarter}", start, following - timedelta(days=1))


def quarter_of(day: date) -> Period:
    return parse_period(f"{day.year}Q{(day.month - 1) // 3 + 1}")


def recent_quarters(today: date, count: int = 8) -> list[Period]:
    """The current quarter and the ones before it, newest first (for choosing a period)."""
    periods = [quarter_of(today)]
    while len(periods) < count:
        periods.append(quarter_of(periods[-1].start - timedelta(days=1)))
    return periods
