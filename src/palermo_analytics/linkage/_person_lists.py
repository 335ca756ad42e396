"""Reading agencies' person lists (see docs/person-list-format.md), refusing bad files clearly."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pandas as pd
import phonenumbers

from palermo_analytics.person_list_format import (
    NAME_COLUMNS,
    PERSON_LIST_COLUMNS,
    REQUIRED_COLUMNS,
)
from palermo_analytics.safe_output import restore

SEX_CODES = frozenset({"F", "M", "X"})
# ISO 3166-1 alpha-2: the regions phonenumbers knows, plus the few uninhabited ones it lacks.
COUNTRY_CODES = frozenset(phonenumbers.SUPPORTED_REGIONS) | {
    "AQ",
    "BV",
    "GS",
    "HM",
    "PN",
    "TF",
    "UM",
}
_SOURCE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FIRST_DATA_ROW = 2  # rows are numbered as a spreadsheet shows them: the header is row 1
MAX_COLUMNS = 200  # a person list has 13 known columns; thousands means a broken export
MAX_CELL_CHARACTERS = 1000  # no name, alias list or document number is longer


class PersonListError(ValueError):
    """A person list that cannot be read, with the file, row and column at fault."""

    def __init__(
        self, path: Path | str, problem: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.path, self.row, self.column, self.problem = Path(path), row, column, problem
        where = [self.path.name]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}")


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row, column = _locate_byte(raw, error.start)
        raise PersonListError(
            path,
            f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8",
            row=row,
            column=column,
        ) from None


def _locate_byte(raw: bytes, offset: int) -> tuple[int, str | None]:
    """Spreadsheet row and column name of the byte at `offset` (assuming no quoted newlines)."""
    row = raw.count(b"\n", 0, offset) + 1
    lines = raw.decode("utf-8", errors="replace").splitlines()
    header = next(csv.reader(lines[:1]), [])
    fields = next(csv.reader([lines[row - 1]]), []) if row <= len(lines) else []
    for name, value in zip(header, fields, strict=False):
        if "\ufffd" in value:
            return row, name
    return row, None


def _parse(path: Path, text: str) -> pd.DataFrame:
    header = next(csv.reader(io.StringIO(text)), None)
    if not header:
        raise PersonListError(path, "the file is empty; expected a header row", row=1)
    if len(header) > MAX_COLUMNS:
        raise PersonListError(
            path, f"the header has {len(header):,} columns; at most {MAX_COLUMNS} are read", row=1
        )
    duplicated = sorted(name for name, count in Counter(header).items() if count > 1)
    if duplicated:
        raise PersonListError(path, "the header repeats a column", row=1, column=duplicated[0])
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise PersonListError(path, "required column is missing", row=1, column=missing[0])
    if not any(name in header for name in NAME_COLUMNS):
        raise PersonListError(path, f"needs at least one name column: {', '.join(NAME_COLUMNS)}")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, csv.Error) as error:
        raise PersonListError(path, f"not a well-formed CSV file ({error})") from None
    if frame.empty:
        raise PersonListError(path, "the file has a header but no records", row=_FIRST_DATA_ROW)
    return frame.map(restore)


def _first_bad(mask: pd.Series) -> int | None:
    positions = mask.to_numpy().nonzero()[0]
    return int(positions[0]) if len(positions) else None


def _is_valid_partial_date(text: str, *, full: bool = False) -> bool:
    if text == "":
        return True
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None or (full and match.group(3) is None):
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _rules(frame: pd.DataFrame) -> list[tuple[str, pd.Series, str]]:
    """(column, mask of bad rows, problem) for every check on the values."""
    dates = frame["date_of_birth"].map(_is_valid_partial_date)
    recorded = frame["recorded_on"].map(lambda text: _is_valid_partial_date(text, full=True))
    age = pd.to_numeric(frame["age"].where(frame["age"] != "", "0"), errors="coerce")
    return [
        ("record_id", frame["record_id"] == "", "record id is empty"),
        ("source", ~frame["source"].map(lambda s: bool(_SOURCE_NAME.fullmatch(s))), "source must "
         "be a name of letters, digits, '_' or '-', starting with a letter"),
        ("date_of_birth", ~dates, "not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("recorded_on", ~recorded, "not a date: use YYYY-MM-DD"),
        ("age", age.isna() | (age < 0) | (age > 120) | (age % 1 != 0), "age must be a whole "
         "number of years between 0 and 120"),
        ("sex", ~frame["sex"].str.upper().isin(SEX_CODES | {""}), "sex must be F, M, X or empty"),
        ("nationality", ~frame["nationality"].str.upper().isin(COUNTRY_CODES | {""}),
         "nationality must be an ISO 3166-1 alpha-2 code such as MO or VN"),
    ]  # fmt: skip


def _refuse_long_cells(path: Path, frame: pd.DataFrame) -> None:
    for column in frame.columns:
        first = _first_bad(frame[column].str.len() > MAX_CELL_CHARACTERS)
        if first is not None:
            raise PersonListError(
                path,
                f"a cell of {len(str(frame[column].iat[first])):,} characters; "
                f"at most {MAX_CELL_CHARACTERS:,} are read",
                row=first + _FIRST_DATA_ROW,
                column=column,
            )


def _check_values(path: Path, frame: pd.DataFrame) -> None:
    problems = []
    for column, bad, problem in _rules(frame):
        first = _first_bad(bad)
        if first is not None:
            problems.append((first, column, f"{problem} (found {frame[column].iat[first]!r})"))
    if problems:
        first, column, problem = min(problems)
        raise PersonListError(path, problem, row=first + _FIRST_DATA_ROW, column=column)


def read_person_list(path: Path | str) -> pd.DataFrame:
    """One person list as a frame of the person-list columns (strings; "" where unknown)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PersonListError(path, f"cannot be read ({error.strerror})") from None
    frame = _parse(path, _decode(path, raw))
    frame = frame.reindex(columns=list(PERSON_LIST_COLUMNS), fill_value="")
    frame = frame.apply(lambda column: column.str.strip())
    _refuse_long_cells(path, frame)
    _check_values(path, frame)
    frame["sex"] = frame["sex"].str.upper()
    frame["nationality"] = frame["nationality"].str.upper()
    _refuse_duplicates([path], [frame])
    return frame


def _refuse_duplicates(paths: list[Path], frames: list[pd.DataFrame]) -> None:
    """Refuse a (source, record_id) seen twice, naming the second occurrence and the first."""
    keys = pd.concat([frame[["source", "record_id"]] for frame in frames], ignore_index=True)
    repeated = keys.duplicated(keep=False)
    if not repeated.any():
        return
    file_of = [i for i, frame in enumerate(frames) for _ in range(len(frame))]
    row_of = [row for frame in frames for row in range(_FIRST_DATA_ROW, len(frame) + 2)]
    second = int(keys.duplicated().to_numpy().nonzero()[0][0])
    source, record_id = keys.iloc[second]
    first = int(((keys["source"] == source) & (keys["record_id"] == record_id)).idxmax())
    raise PersonListError(
        paths[file_of[second]],
        f"record id {record_id!r} of source {source!r} repeats "
        f"{paths[file_of[first]].name} row {row_of[first]}",
        row=row_of[second],
        column="record_id",
    )


def read_person_lists(paths: Iterable[Path | str]) -> pd.DataFrame:
    """All the lists in one frame; record ids must be unique within each source across files."""
    files = [Path(path) for path in paths]
    if not files:
        raise ValueError("no person lists given")
    frames = [read_person_list(path) for path in files]
    _refuse_duplicates(files, frames)
    return pd.concat(frames, ignore_index=True)
