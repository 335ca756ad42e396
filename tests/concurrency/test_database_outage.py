"""The database goes away for a few seconds (a TCP proxy in the test is cut, then restored):
the worker waits and resumes, requests answer 503 and write nothing, and afterwards the same
connections' successors work again without a 500."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.api.models import ApiToken
from palermo.jobs.models import Job, JobStatus
from palermo.jobs.tasks import start_job, verify_audit_trail
from palermo.registry.models import Consent, Person, VictimCase
from tests.concurrency.racing import on_postgres
from tests.concurrency.tcp_proxy import Proxy

pytestmark = on_postgres

OUTAGE_SECONDS = 4


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    database = connection.settings_dict
    running = Proxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))).start()
    yield running
    running.cut()
    # The sessions that went through the proxy end a moment after their sockets close; one whose
    # close the cut swallowed is ended as the server ends a dead client's session, so that the
    # test database can be dropped.
    if not wait_for(lambda: not other_sessions(), seconds=10):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connection.close()


def other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def wait_for(condition: Any, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def job_done(job: Job) -> bool:
    job.refresh_from_db()
    return job.status == JobStatus.SUCCEEDED


def test_the_worker_waits_for_the_database_and_resumes(
    proxy: Proxy, make_user: Callable[..., User], tmp_path: Path
) -> None:
    owner = make_user("auditor", "secretariat", Role.AUDITOR)
    database = connection.settings_dict
    env = {
        **os.environ,
        "PALERMO_DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy.port}/{database['NAME']}",
        "PALERMO_DATA_KEYS": settings.PALERMO_DATA_KEYS,
        "PALERMO_HOME": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "palermo", "worker"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = start_job("verify_audit", owner, verify_audit_trail)
        assert wait_for(lambda: job_done(first)), "the worker never ran the first job"

        proxy.cut()
        time.sleep(OUTAGE_SECONDS)
        assert worker.poll() is None, "the worker exited when the database went away"
        proxy.start()

        second = start_job("verify_audit", owner, verify_audit_trail)
        assert wait_for(lambda: job_done(second)), "the worker did not resume"
        assert worker.poll() is None
    finally:
        worker.terminate()
        _, errors = worker.communicate(timeout=30)
    assert "the database is unreachable" in errors
    assert "Traceback" not in errors


@pytest.fixture
def through_proxy(proxy: Proxy) -> Iterator[Proxy]:
    """This process's own connection goes through the proxy (and back afterwards)."""
    database = connection.settings_dict
    host, port = database["HOST"], database["PORT"]
    connection.close()
    database["HOST"], database["PORT"] = "127.0.0.1", str(proxy.port)
    try:
        yield proxy
    finally:
        connection.close()
        database["HOST"], database["PORT"] = host, port


def test_requests_during_an_outage_write_nothing_and_recover(
    make_user: Callable[..., User], through_proxy: Proxy
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency)
    _, token = ApiToken.issue(worker, "program", days=1)
    url = reverse("api:consent_record", args=[case.reference])
    client = Client(raise_request_exception=False)

    def send(key: str) -> Any:
        # What a server does as each request starts (the test client skips it): a persistent
        # connection is health-checked before its next use.
        close_old_connections()
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
        return client.post(url, {"form": "oral"}, content_type="application/json", headers=headers)

    assert send("before").status_code == 201
    through_proxy.cut()
    during = send("during")
    through_proxy.start()
    retried = send("during")

    assert during.status_code == 503
    assert during["Content-Type"] == "application/problem+json"
    assert during["Retry-After"]
    assert retried.status_code == 201  # a fresh connection, not a 500 on the stale one
    assert Consent.objects.filter(case=case).count() == 2
