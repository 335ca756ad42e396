"""Background jobs behind the exchange page; the files land in the working folder's exports."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.tasks import task

from palermo.accounts.models import User
from palermo.exchange.exports import export_ctdc, export_dp_tables
from palermo.jobs.models import Job
from palermo.jobs.tasks import run_job
from palermo_analytics.disclosure import Policy


def exports_folder() -> Path:
    return Path(settings.PALERMO_EXPORTS_DIR)


@task()
def ctdc_export_job(
    job_id: int,
    year_from: int,
    year_to: int,
    k: int,
    l: int,  # noqa: E741
    suppress_max: float,
) -> None:
    def work(job: Job) -> dict[str, Any]:
        user = User.objects.get(pk=job.owner_id)
        out = exports_folder() / f"ctdc-{year_from}-{year_to}-job{job.pk}.csv"
        export = export_ctdc(
            user,
            range(year_from, year_to + 1),
            Policy(k, l, suppress_max),
            out,
            job.report_progress,
        )
        return {"reference": export.reference, "kind": "ctdc"}

    run_job(job_id, work)


@task()
def dp_tables_job(job_id: int, year_from: int, year_to: int, epsilon: float) -> None:
    def work(job: Job) -> dict[str, Any]:
        user = User.objects.get(pk=job.owner_id)
        out = exports_folder() / f"dp-tables-{year_from}-{year_to}-job{job.pk}.csv"
        release = export_dp_tables(
            user, range(year_from, year_to + 1), epsilon, out, job.report_progress
        )
        return {"reference": release.reference, "kind": "dp"}

    run_job(job_id, work)
