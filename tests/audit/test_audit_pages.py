"""Auditors review the trail and start a chain check that runs in the background."""

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.audit.log import record_event
from palermo.jobs.models import Job


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.AUDITOR])
def test_only_auditors_see_the_trail(
    role: str, make_user: Callable[..., User], client: Client
) -> None:
    client.force_login(make_user("someone", "secretariat", role))
    assert client.get("/audit/").status_code == 404


def test_the_trail_lists_entries_and_filters_them(
    make_user: Callable[..., User], client: Client
) -> None:
    auditor = make_user("auditor", "secretariat", Role.AUDITOR)
    record_event(auditor, "read", "victim_case", "VC-AAAAA-11111")
    record_event(auditor, "refer", "victim_case", "VC-BBBBB-22222")
    client.force_login(auditor)

    page = client.get("/audit/", {"action": "refer"}).content.decode()

    assert "VC-BBBBB-22222" in page
    assert "VC-AAAAA-11111" not in page


@pytest.mark.django_db(transaction=True)
def test_verifying_the_chain_runs_as_a_job_with_visible_progress(
    make_user: Callable[..., User], client: Client
) -> None:
    auditor = make_user("auditor", "secretariat", Role.AUDITOR)
    record_event(auditor, "read", "victim_case", "VC-AAAAA-11111")
    client.force_login(auditor)

    response = client.post("/audit/verify/")

    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert "hx-trigger" in client.get(f"/jobs/{job.pk}/").content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    fragment = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert "entries_checked" in fragment


def test_a_job_is_seen_only_by_whoever_started_it(
    make_user: Callable[..., User], client: Client
) -> None:
    owner = make_user("auditor", "secretariat", Role.AUDITOR)
    job = Job.objects.create(kind="verify_audit", owner=owner)
    client.force_login(make_user("other", "secretariat", Role.AUDITOR))

    assert client.get(f"/jobs/{job.pk}/").status_code == 404
