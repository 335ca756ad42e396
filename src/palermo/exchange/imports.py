"""Loading a partner's CTDC release as a reference dataset: all of it, or nothing."""

from pathlib import Path

from django.db import transaction

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.exchange.files import sha256_of
from palermo.exchange.models import ReferenceDataset, ReferenceVictim
from palermo_analytics.disclosure import read_ctdc_release, reference_row

BATCH = 5000


def import_ctdc(user: User, path: Path, name: str = "") -> ReferenceDataset:
    """Validate the whole file first (CtdcFileError lists every problem), then load atomically."""
    release = read_ctdc_release(path)
    records: list[dict[str, str | None]] = release.rows.to_dict(orient="records")  # type: ignore[assignment]
    with transaction.atomic():
        dataset = ReferenceDataset.objects.create(
            name=name or path.stem,
            file_name=path.name,
            sha256=sha256_of(path),
            columns=release.columns,
            ignored_columns=release.ignored_columns,
            row_count=len(records),
            imported_by=user,
        )
        ReferenceVictim.objects.bulk_create(
            (
                ReferenceVictim(
                    dataset=dataset,
                    row_number=number,
                    values={k: v for k, v in values.items() if v is not None},
                    **reference_row(values),
                )
                for number, values in enumerate(records, start=1)
            ),
            batch_size=BATCH,
        )
        record_event(
            user,
            "import",
            "reference_dataset",
            str(dataset.pk),
            changes={"file": path.name, "sha256": dataset.sha256, "rows": dataset.row_count},
        )
    return dataset
