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


@task()
def estimate_hidden_figure(job_id: int, report_id: int, with_outside_lists: bool = False) -> None:
    """With `with_outside_lists`, the person lists uploaded for the report are linked with the
    registry's first, and forgotten once the estimate has run (whether or not it succeeded)."""
    from palermo.reporting.estimate import estimate_hidden_figure as estimate
    from palermo.reporting.models import Report
    from palermo.reporting.outside_lists import forget_outside_lists, outside_lists_of

    def work(job: Job) -> dict[str, Any]:
        report = Report.objects.get(pk=report_id)
        period = Period.of(report.year, report.period)
        try:
            uploaded = outside_lists_of(report) if with_outside_lists else None
            if with_outside_lists and uploaded is None:
                raise ValueError("the outside lists are gone: upload them again")
            report.estimate = estimate(period, job.report_progress, uploaded)
        finally:
            if with_outside_lists:
                forget_outside_lists(report)
        report.save(update_fields=["estimate"])
        return {
            "report": report.pk,
            "estimate": round(report.estimate.get("estimate") or 0),
            "url": reverse("reporting:report", args=[report.pk]),
        }

    run_job(job_id, work)
