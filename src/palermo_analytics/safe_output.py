"""Writing files that leave Palermo: cells no spreadsheet will execute, and private permissions.

Every CSV or XLSX the product writes goes through `write_csv` / `write_xlsx` (or, for a writer
of its own, `neutralise` on each cell and `private_file` for the handle):

- A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
  Excel, LibreOffice and Google Sheets (OWASP "CSV injection"): `=HYPERLINK(...)` in a name
  column runs when an analyst opens the file. In CSV such a cell gets a leading `'`, which the
  spreadsheet shows as text; in XLSX the cell is stored as a string, never as a formula. Plain
  numbers written as text ("-12", "+3.5") are left alone.
- A file holding personal data (names, document numbers, linked records) is created 0600, written
  to a temporary file beside it and moved into place, so a failure leaves nothing half-written
  and nobody else on the machine can read it.

Plain Python and pandas only: the Django product and the analytics library both use it.
"""

import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

__all__ = [
    "FORMULA_STARTS",
    "neutralise",
    "neutralise_frame",
    "private_file",
    "restore",
    "write_csv",
    "write_private_text",
    "write_xlsx",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def is_formula_like(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    )


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet will show it as text: `'` before a formula-like string."""
    return "'" + value if is_formula_like(value) else value


def restore(value: Any) -> Any:
    """The inverse of `neutralise`, for reading back a file Palermo wrote."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and text column name) neutralised; numbers untouched."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(name)) for name in safe.columns]
    return safe


@contextmanager
def private_file(path: Path | str, mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """Open a temporary 0600 file beside `path`; on success move it into place, else remove it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.fchmod(descriptor, 0o600)
    try:
        with os.fdopen(descriptor, mode, **open_args) as handle:
            yield handle
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_csv(frame: pd.DataFrame | Iterable[Sequence[Any]], path: Path | str) -> Path:
    """Write a DataFrame (or rows, the first being the header) as a safe, private CSV."""
    table = frame if isinstance(frame, pd.DataFrame) else _frame_of_rows(frame)
    with private_file(path, newline="", encoding="utf-8") as handle:
        # CRLF rows (RFC 4180): a cell holding a lone CR is then quoted, not split into two rows.
        neutralise_frame(table).to_csv(handle, index=False, lineterminator="\r\n")
    return Path(path)


def write_xlsx(frame: pd.DataFrame, path: Path | str, sheet: str = "data") -> Path:
    """Write a DataFrame as a private XLSX whose text cells are strings, never formulas."""
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    for column, name in enumerate(frame.columns, start=1):
        _text_cell(worksheet.cell(row=1, column=column), str(name))
    for row, values in enumerate(frame.itertuples(index=False), start=2):
        for column, value in enumerate(values, start=1):
            cell = worksheet.cell(row=row, column=column)
            if isinstance(value, str):
                _text_cell(cell, value)
            elif not pd.isna(value):
                cell.value = value
    with private_file(path, "wb") as handle:
        book.save(handle)
    return Path(path)


def write_private_text(path: Path | str, text: str) -> Path:
    """A text file (report, model, chart) that may hold personal data: 0600, atomic."""
    with private_file(path, encoding="utf-8") as handle:
        handle.write(text)
    return Path(path)


def _text_cell(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula


def _frame_of_rows(rows: Iterable[Sequence[Any]]) -> pd.DataFrame:
    header, *body = [list(row) for row in rows]
    return pd.DataFrame(body, columns=header)
