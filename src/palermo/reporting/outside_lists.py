"""Person lists from bodies off the platform, uploaded on the report page for the hidden-figure
estimate (the page's counterpart of `palermo report estimate --lists FILE ...`).

Every file is checked whole — format, values, record ids unique across files — before anything
is stored; one bad cell refuses the whole upload, naming the file, row and column. The lists are
stored encrypted, bound to their report, and forgotten once the estimate has used them.
"""

import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.privacy.cipher import encrypt_bytes
from palermo.reporting.models import OutsideList, Report, outside_list_context
from palermo_analytics.linkage import read_person_lists

MAX_FILES = 10
MAX_BYTES = 20 * 1024 * 1024  # per file; a list of 100,000 persons is well under this
Upload = tuple[str, bytes]  # (file name as sent, content)


class OutsideListError(ValueError):
    """An upload that cannot be used; the message names the file (and row and column)."""


def store_outside_lists(report: Report, user: User, uploads: Sequence[Upload]) -> list[OutsideList]:
    """Check every file, then replace the report's outside lists with these, all or nothing."""
    named = _named(uploads)
    counts = [len(frame) for frame in _read_each(named)]
    sealed = [encrypt_bytes(content, outside_list_context(report.pk)) for _n, content in named]
    with transaction.atomic():
        report.outside_lists.all().delete()
        stored = [
            OutsideList.objects.create(
                report=report,
                file_name=name,
                records=count,
                content=content,
                uploaded_by=user,
            )
            for (name, _raw), count, content in zip(named, counts, sealed, strict=True)
        ]
        record_event(
            user,
            "outside_lists_uploaded",
            "report",
            str(report.pk),
            changes={"files": len(stored), "records": sum(counts)},
        )
    return stored


def outside_lists_of(report: Report) -> pd.DataFrame | None:
    """The report's stored lists as one frame, or None when it has none."""
    stored = list(report.outside_lists.all())
    if not stored:
        return None
    with _written([(item.file_name, item.read_content()) for item in stored]) as paths:
        return read_person_lists(paths)


def forget_outside_lists(report: Report) -> None:
    report.outside_lists.all().delete()


def _named(uploads: Sequence[Upload]) -> list[Upload]:
    if not uploads:
        raise OutsideListError(_("Choose at least one person list (CSV)."))
    if len(uploads) > MAX_FILES:
        raise OutsideListError(
            _("%(n)s files: at most %(most)s at a time.") % {"n": len(uploads), "most": MAX_FILES}
        )
    named: list[Upload] = []
    seen: set[str] = set()
    for name, content in uploads:
        safe = _safe_name(name, seen)
        if len(content) > MAX_BYTES:
            raise OutsideListError(
                _("%(file)s: larger than %(mb)s MB.") % {"file": safe, "mb": MAX_BYTES // 2**20}
            )
        seen.add(safe)
        named.append((safe, content))
    return named


def _read_each(named: list[Upload]) -> list[pd.DataFrame]:
    """Each file's records, checked alone and together (a record id seen in two files)."""
    with _written(named) as paths:
        try:
            read_person_lists(paths)  # all together: ids unique across the files
            return [read_person_lists([path]) for path in paths]
        except ValueError as error:  # PersonListError names the file, row and column
            raise OutsideListError(str(error)) from None


@contextmanager
def _written(named: list[Upload]) -> Iterator[list[Path]]:
    """The files in a private temporary folder, removed afterwards (the reader takes paths)."""
    with tempfile.TemporaryDirectory(prefix="palermo-lists-") as folder:
        paths = []
        for name, content in named:
            path = Path(folder) / name
            path.touch(mode=0o600)
            path.write_bytes(content)
            paths.append(path)
        yield paths


def _safe_name(name: str, taken: set[str]) -> str:
    """The file's own name (error messages use it), without folders or odd characters."""
    stem = re.sub(r"[^\w.-]", "_", Path(name or "list.csv").name)[:100] or "list.csv"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{number}-{stem}", number + 1
    return candidate
