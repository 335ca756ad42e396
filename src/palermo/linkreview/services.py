"""Loading a run's uncertain pairs into a review batch, all or nothing."""

import csv
import io
import math
from typing import IO

from django.db import transaction

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.linkreview.models import ReviewBatch, ReviewPair
from palermo_analytics.linkage._settings import DEFAULT_THRESHOLD

PAIR_COLUMNS = ("source_l", "record_id_l", "source_r", "record_id_r", "match_probability")
# The fields `palermo link` writes beside each pair for review (see linkage/_report.py).
RECORD_FIELDS = (
    "full_name", "given_name", "family_name", "date_of_birth", "age", "sex", "nationality",
    "document_number", "phone",
)  # fmt: skip
MAX_PAIRS = 5000


class ReviewFileError(ValueError):
    """An uploaded pairs file that cannot be used; the message names the row and column."""


def _rows(upload: IO[bytes], name: str) -> list[dict[str, str]]:
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReviewFileError(f"{name}: not UTF-8 text; save it as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in PAIR_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ReviewFileError(f"{name}: missing column(s) {', '.join(missing)}")
    rows = list(reader)
    if not rows:
        raise ReviewFileError(f"{name}: no pairs in the file")
    if len(rows) > MAX_PAIRS:
        raise ReviewFileError(f"{name}: {len(rows):,} pairs; at most {MAX_PAIRS:,} per batch")
    return rows


def _probability(row: dict[str, str], number: int, name: str) -> float:
    text = (row.get("match_probability") or "").strip()
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 1:
        raise ReviewFileError(
            f"{name}, row {number}, column 'match_probability': not a probability ({text!r})"
        )
    return value


def _pair(batch: ReviewBatch, row: dict[str, str], number: int, name: str) -> ReviewPair:
    for column in PAIR_COLUMNS[:4]:
        if not (row.get(column) or "").strip():
            raise ReviewFileError(f"{name}, row {number}, column '{column}': empty")
    probability = _probability(row, number, name)
    weight = math.log2(max(probability, 1e-12) / max(1 - probability, 1e-12))
    threshold = batch.threshold or DEFAULT_THRESHOLD
    return ReviewPair(
        batch=batch,
        **{column: row[column].strip() for column in PAIR_COLUMNS[:4]},
        match_probability=probability,
        distance=abs(weight - math.log2(threshold / (1 - threshold))),
        record_l={f: (row.get(f"{f}_l") or "").strip() for f in RECORD_FIELDS},
        record_r={f: (row.get(f"{f}_r") or "").strip() for f in RECORD_FIELDS},
    )


def import_review_batch(
    user: User, title: str, upload: IO[bytes], name: str, threshold: float = DEFAULT_THRESHOLD
) -> ReviewBatch:
    """A batch from an `uncertain_pairs.csv`; nothing is stored if any row is wrong."""
    rows = _rows(upload, name)
    with transaction.atomic():
        batch = ReviewBatch.objects.create(title=title, uploaded_by=user, threshold=threshold)
        pairs = [_pair(batch, row, number, name) for number, row in enumerate(rows, start=2)]
        ReviewPair.objects.bulk_create(pairs)
        record_event(
            user, "create", "linkage_review_batch", str(batch.pk), changes={"pairs": len(pairs)}
        )
    return batch
