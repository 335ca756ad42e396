"""The report build as a background task, with its progress on the job."""

from typing import Any

from django.tasks import task
from django.urls import reverse

from palermo.accounts.models import User
from palermo.jobs.models import Job
from palermo.jobs.tasks import run_job
from palermo.reporting.build import build_report
from palermo.reporting.periods import Period


@task()
def build_annual_report(job_id: int, year: int, period: str) -> None:
    def work(job: Job) -> dict[str, Any]:
        owner = User.objects.get(pk=job.owner_id)
        report = build_report(Period.of(year, period), owner, job.report_progress)
        return {
            "report": report.pk,
            "content_hash": report.content_hash,
            "url": reverse("reporting:report", args=[report.pk]),
        }

    run_job(job_id, work)
