"""Reporting periods: the calendar year, or the TIP year (1 April – 31 March), and trends."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

TREND_YEARS = 5


class PeriodKind(StrEnum):
    CALENDAR = "calendar"
    TIP = "tip"


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included; `year` names it (a TIP year by the year it ends)."""

    kind: PeriodKind
    year: int
    start: datetime.date
    end: datetime.date

    @classmethod
    def of(cls, year: int, kind: str = PeriodKind.CALENDAR) -> "Period":
        if not 1900 <= year <= 2200:
            raise ValueError(
                _("The year must be between 1900 and 2200, not %(year)s.") % {"year": year}
            )
        if kind == PeriodKind.TIP:
            start = datetime.date(year - 1, 4, 1)
            return cls(PeriodKind.TIP, year, start, datetime.date(year, 3, 31))
        if kind != PeriodKind.CALENDAR:
            raise ValueError(_("Unknown period “%(kind)s”: calendar or tip.") % {"kind": kind})
        return cls(
            PeriodKind.CALENDAR, year, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )

    def label(self) -> str:
        if self.kind == PeriodKind.TIP:
            return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"
        return str(self.year)

    def trend(self) -> list["Period"]:
        """This period and the four before it, oldest first."""
        return [Period.of(self.year - back, self.kind) for back in range(TREND_YEARS - 1, -1, -1)]

    def spanning(self, periods: list["Period"]) -> "Period":
        return Period(self.kind, self.year, periods[0].start, periods[-1].end)
