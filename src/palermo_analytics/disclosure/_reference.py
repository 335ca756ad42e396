"""Reading a partner's CTDC-format release, with the row and column of every problem.

Every cell is read as text (`keep_default_na=False`): pandas would otherwise read Namibia's `NA`
as a missing value. Columns outside the standard are reported and ignored, never guessed at.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from palermo_analytics.disclosure import _countries
from palermo_analytics.disclosure._ctdc import (
    AGE_BANDS,
    FORM_COLUMNS,
    GENDERS,
    MAJORITY,
    from_ctdc,
)

MAX_PROBLEMS_SHOWN = 200
_YEAR = re.compile(r"(19|20)\d\d(\.0)?")
_YEAR_SPAN = re.compile(r"(19|20)\d\d-(19|20)\d\d")
_FLAG_VALUES = {"0", "1", "0.0", "1.0"}
_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania", "Americas/Oceania"}
_FLAG_PREFIXES = ("is", "meansOfControl", "typeOfLabour", "typeOfSex", "recruiterRelation")
# Categorical CTDC columns whose vocabulary varies between releases: kept as text, checked only
# for length and for what a spreadsheet would run as a formula.
_TEXT_COLUMNS = {
    "Datasource",
    "control_category",
    "RecruiterCategory",
    "ExploitType",
    "Labor_Type",
    "majorityEntry",
    "majorityStatusAtExploit",
    "recruiterRelationship",
} | {
    f"IP_{name}"
    for name in [
        "Exploiter",
        "Gender",
        "ageBroad",
        "citizen_UNRegion",
        "Relation",
        "PayMoney",
        "RecruiterBroker",
        "TransactionProcess",
        "ControlAbuseKidnap",
    ]
}

Check = Callable[[str], str | None]  # a problem's description, or None when the cell is fine


def _one_of(allowed: set[str] | list[str], what: str) -> Check:
    return lambda cell: None if cell in allowed else f"not a {what} ({', '.join(sorted(allowed))})"


def _year(cell: str) -> str | None:
    return None if _YEAR.fullmatch(cell) else "not a year"


def _year_or_span(cell: str) -> str | None:
    return None if _YEAR.fullmatch(cell) or _YEAR_SPAN.fullmatch(cell) else "not a year or span"


# CTDC's "unknown country" is 00; releases that went through a spreadsheet carry it as 0.
UNKNOWN_COUNTRY = {"00", "0"}


def _country(cell: str) -> str | None:
    ok = cell in UNKNOWN_COUNTRY or _countries.is_country(cell)
    return None if ok else "not an ISO 3166-1 alpha-2 country code"


def _text(cell: str) -> str | None:
    if len(cell) > 100:
        return "longer than 100 characters"
    if cell[:1] in {"=", "+", "@"}:
        return "starts like a spreadsheet formula"
    return None


CHECKS: dict[str, Check] = {
    "yearOfRegistration": _year,
    "yearRegister": _year_or_span,
    "gender": _one_of(GENDERS, "gender"),
    "ageBroad": _one_of(AGE_BANDS, "CTDC age band"),
    "majorityStatus": _one_of(MAJORITY, "majority status"),
    "citizenship": _country,
    "CountryOfExploitation": _country,
    "UN_COO_Region": _one_of(_REGIONS, "UN region"),
    "UN_COE_Region": _one_of(_REGIONS, "UN region"),
} | dict.fromkeys(_TEXT_COLUMNS, _text)


def _check_for(column: str) -> Check | None:
    if column in CHECKS:
        return CHECKS[column]
    if column.startswith(_FLAG_PREFIXES) and column[len("is") :][:1].isupper():
        return _one_of(_FLAG_VALUES, "flag (0 or 1)")
    return None


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.row}, column {self.column}: {self.message}"


@dataclass
class CtdcRelease:
    rows: pd.DataFrame  # the standard columns, unknown as None
    columns: list[str]
    ignored_columns: list[str]
    problems: list[Problem] = field(default_factory=list)


class CtdcFileError(ValueError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{path.name}: {len(problems)} problem(s), nothing loaded\n{shown}{tail}")


def read_ctdc_release(path: Path) -> CtdcRelease:
    """The release's standard columns, validated; CtdcFileError lists every bad cell."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise CtdcFileError(path, [Problem(1, "-", f"cannot be read as CSV: {error}")]) from None
    checks = {c: check for c in raw.columns if (check := _check_for(c)) is not None}
    if not checks:
        raise CtdcFileError(path, [Problem(1, "-", "no CTDC column in the header")])
    problems = sorted(
        [
            Problem(int(str(index)) + 2, column, f"{cell[:20]!r} is {message}")
            for column, check in checks.items()
            for index, cell in raw[column].items()
            if from_ctdc(cell) is not None and (message := check(cell.strip())) is not None
        ],
        key=lambda p: (p.row, p.column),
    )
    if problems:
        raise CtdcFileError(path, problems)
    rows = raw[list(checks)].map(from_ctdc)
    return CtdcRelease(rows, list(checks), [c for c in raw.columns if c not in checks])


def reference_row(values: dict[str, str | None]) -> dict[str, object]:
    """The comparable fields of one release row (what the statistics page sets side by side)."""
    year = values.get("yearOfRegistration") or values.get("yearRegister") or ""
    citizenship = values.get("citizenship") or ""
    exploited_in = values.get("CountryOfExploitation") or ""
    return {
        "year": year.removesuffix(".0"),
        "gender": values.get("gender") or "",
        "age_band": values.get("ageBroad") or "",
        "majority_status": values.get("majorityStatus") or "",
        "citizenship": "" if citizenship in UNKNOWN_COUNTRY else citizenship,
        "citizenship_region": _countries.region_of(citizenship)
        or values.get("UN_COO_Region")
        or "",
        "country_of_exploitation": "" if exploited_in in UNKNOWN_COUNTRY else exploited_in,
        "exploitation_region": _countries.region_of(exploited_in)
        or values.get("UN_COE_Region")
        or "",
        "forms": sorted(
            {c for c in FORM_COLUMNS if values.get(c) in {"1", "1.0"}}
            | set(_EXPLOIT_TYPE.get(values.get("ExploitType") or "", []))
        ),
    }


# The 2020 Global Dataset's summary column, in terms of the flag columns.
_EXPLOIT_TYPE = {
    "Sexual": ["isSexualExploit"],
    "Labor": ["isForcedLabour"],
    "Forced Marriage": ["isForcedMarriage"],
    "Slavery/Similar": ["isOtherExploit"],
    "Other": ["isOtherExploit"],
    "Multiple": [],  # which ones is not said; the flags, where present, say it
}
