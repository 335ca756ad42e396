"""Background tasks. Each one runs in `palermo worker`, never inside a request, and reports its
progress on a Job row that the person who started it can watch."""

from collections.abc import Callable
from typing import Any

from django.tasks import task

from palermo.accounts.models import User
from palermo.jobs.models import Job, JobStatus


def start_job(kind: str, owner: User, runner: Any, **arguments: Any) -> Job:
    """Create the Job row, then enqueue the task that will fill it in."""
    job = Job.objects.create(kind=kind, owner=owner, status=JobStatus.QUEUED)
    runner.enqueue(job_id=job.pk, **arguments)
    return job


def run_job(job_id: int, work: Callable[[Job], dict[str, Any]]) -> None:
    """Run `work`, recording success or the failure's message on the job (never personal data)."""
    job = Job.objects.get(pk=job_id)
    job.report_progress("starting", 0, 0)
    try:
        result = work(job)
    except Exception as error:
        job.finish(error=f"{type(error).__name__}: {error}")
        raise
    job.finish(result=result)


@task()
def verify_audit_trail(job_id: int) -> None:
    from palermo.audit.verify import verify_chain

    def work(job: Job) -> dict[str, Any]:
        report = verify_chain()
        job.report_progress("verified", report.entries_checked, report.entries_checked)
        return {
            "intact": report.intact,
            "entries_checked": report.entries_checked,
            "first_broken_sequence": report.first_broken_sequence,
            "problem": report.problem,
        }

    run_job(job_id, work)
