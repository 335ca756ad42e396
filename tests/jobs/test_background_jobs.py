"""Long work is queued in the database and done by the worker, with progress on a Job row."""

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.jobs.models import Job, JobStatus
from palermo.jobs.tasks import start_job, verify_audit_trail

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker_until_queue_is_empty() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def test_a_queued_job_waits_for_the_worker(make_user: Callable[..., User]) -> None:
    auditor = make_user("auditor", "secretariat", "auditor")

    job = start_job("verify_audit", auditor, verify_audit_trail)

    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_the_worker_runs_the_job_and_records_its_result(make_user: Callable[..., User]) -> None:
    auditor = make_user("auditor", "secretariat", "auditor")
    for number in range(3):
        record_event(auditor, "read", "victim_case", f"VC-{number}")
    job = start_job("verify_audit", auditor, verify_audit_trail)

    run_worker_until_queue_is_empty()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["intact"] is True
    assert job.result["entries_checked"] >= 3
    assert (job.done, job.total) == (job.result["entries_checked"],) * 2
    assert job.percent() == 100
