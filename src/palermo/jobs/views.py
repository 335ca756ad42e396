"""A job's progress page; htmx polls the fragment until the job has finished."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from palermo.accounts.acting import acting_user
from palermo.htmx import is_htmx
from palermo.jobs.models import Job, JobStatus


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    template = "jobs/progress.html" if is_htmx(request) else "jobs/detail.html"
    finished = job.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}
    return render(request, template, {"job": job, "finished": finished})


def _own_job(request: HttpRequest, pk: int) -> Job:
    """A job is seen only by the person who started it."""
    job = Job.objects.filter(pk=pk, owner=acting_user(request)).first()
    if job is None:
        raise Http404
    return job
