"""Making a release: build the table, protect it, check it, write it with its report, record it.

Used by the command line and by the background job behind the exchange page alike.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.exchange.ctdc import registry_table
from palermo.exchange.files import (
    report_path,
    sha256_of_frame,
    write_private_csv,
    write_private_json,
)
from palermo.exchange.models import (
    REGISTRY_DATASET,
    CtdcExport,
    DpRelease,
    PrivacyBudget,
    PrivacySpend,
)
from palermo_analytics.disclosure import (
    CONFIDENCE,
    NothingReleasable,
    Policy,
    anonymise,
    check_release,
    ctdc_count_tables,
)

Progress = Callable[[str, int, int], None]


class ReleaseRefused(ValueError):
    """The release would break the policy: nothing was written."""


def export_ctdc(
    user: User,
    years: range,
    policy: Policy,
    out: Path,
    progress: Progress | None = None,
) -> CtdcExport:
    table = registry_table(years.start, years.stop - 1)
    if table.empty:
        raise ReleaseRefused(f"no victims registered in {years.start}–{years.stop - 1}")
    try:
        release = anonymise(table, policy, progress=progress)
    except NothingReleasable as error:
        raise ReleaseRefused(str(error)) from None
    if progress:
        progress("independent check (pycanon)", 0, 1)
    verdict = check_release(release.data, policy.k, policy.l)
    if not verdict.passes:  # never expected; the check exists to catch exactly this
        raise ReleaseRefused(f"the independent check failed: {verdict.as_dict()}")
    sha256 = write_private_csv(release.data, out)
    report = {
        "file": out.name,
        "sha256": sha256,
        "years": [years.start, years.stop - 1],
        "transformation": release.transformation.as_dict(),
        "independent_check": verdict.as_dict(),
        "columns": list(release.data.columns),
    }
    with transaction.atomic():
        export = CtdcExport.objects.create(
            requested_by=user,
            year_from=years.start,
            year_to=years.stop - 1,
            file_name=out.name,
            sha256=sha256,
            report=report,
            k=policy.k,
            l=policy.l,
            suppress_max=policy.suppress_max,
            input_sha256=sha256_of_frame(table),
            persons=release.transformation.persons,
            released=len(release.data),
            checker_passed=verdict.passes,
        )
        report["reference"] = export.reference
        write_private_json(report, report_path(out))
        record_event(user, "export", "ctdc_release", export.reference, changes=_audited(report))
    return export


def export_dp_tables(
    user: User,
    years: range,
    epsilon: float,
    out: Path,
    progress: Progress | None = None,
) -> DpRelease:
    if epsilon <= 0:
        raise ReleaseRefused(f"ε must be positive, got {epsilon}")
    with transaction.atomic():
        # Locks the budget rows, so two releases cannot both take the last of a year's budget.
        list(PrivacyBudget.objects.select_for_update().filter(dataset=REGISTRY_DATASET))
        PrivacyBudget.objects.refuse_spending_beyond_budget(REGISTRY_DATASET, years, epsilon)
        table = registry_table(years.start, years.stop - 1)
        tables = ctdc_count_tables(table, years, epsilon, progress=progress)
        sha256 = _write_tables(tables, out)
        report = {
            "file": out.name,
            "sha256": sha256,
            "years": [years.start, years.stop - 1],
            "epsilon": epsilon,
            "confidence": CONFIDENCE,
            "tables": [t.as_dict() for t in tables],
        }
        release = DpRelease.objects.create(
            requested_by=user,
            year_from=years.start,
            year_to=years.stop - 1,
            file_name=out.name,
            sha256=sha256,
            report=report,
            epsilon=epsilon,
        )
        # Each person is counted in one year only, so the years compose in parallel: the
        # release spends ε on each year's budget, not ε times the number of years.
        PrivacySpend.objects.bulk_create(
            PrivacySpend(dataset=REGISTRY_DATASET, year=y, epsilon=epsilon, release=release)
            for y in years
        )
        report["reference"] = release.reference
        write_private_json(report, report_path(out))
        record_event(user, "export", "dp_release", release.reference, changes=_audited(report))
    return release


def _write_tables(tables: list[Any], out: Path) -> str:
    """All tables in one long CSV: table, its accuracy, the key columns, the noisy count."""
    import pandas as pd

    frames = []
    for table in tables:
        frame = table.counts.copy()
        frame.insert(0, "accuracy_95", round(table.accuracy, 3))
        frame.insert(0, "table", table.name)
        frames.append(frame)
    combined = pd.concat(frames, ignore_index=True).fillna("")
    return write_private_csv(combined, out)


def _audited(report: dict[str, Any]) -> dict[str, Any]:
    """The audit entry keeps parameters and hashes only (the report holds no personal data)."""
    return {key: value for key, value in report.items() if key != "columns"}
