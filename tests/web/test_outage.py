"""When the database is away: JSON problem details (503 + Retry-After) on the API, the translated
page on the pages, health checks that need no database, and a one-line CLI error."""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from palermo import outage
from palermo.accounts.models import User
from palermo.api.models import ApiToken


@pytest.fixture
def database_down() -> Iterator[None]:
    """Every statement over victim cases fails as it does when PostgreSQL has gone away."""

    def unreachable(execute: Any, sql: str, *args: Any) -> Any:
        if "registry_victimcase" in sql:
            raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")
        return execute(sql, *args)

    with connection.execute_wrapper(unreachable):
        yield


def test_the_api_answers_problem_details_with_retry_after(
    make_user: Callable[..., User], database_down: None
) -> None:
    _, token = ApiToken.issue(make_user("worker", "welfare", "case_worker"), "t", days=1)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("api:victim_cases"), headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    body = response.json()
    assert (body["status"], body["title"]) == (503, "Service unavailable")
    assert "127.0.0.1" not in response.content.decode()


def test_a_page_answers_the_translated_page(
    make_user: Callable[..., User], database_down: None
) -> None:
    worker = make_user("worker", "welfare", "case_worker")
    client = Client(raise_request_exception=False, headers={"Accept-Language": "pt"})
    client.force_login(worker)

    response = client.get(reverse("registry:case_list"))

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Palermo está momentaneamente indisponível" in response.content.decode()


def test_another_failure_is_a_500_problem_on_the_api(
    make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr("palermo.api.routers.registry.page_of_listed_cases", broken)
    _, token = ApiToken.issue(make_user("worker", "welfare", "case_worker"), "t", days=1)

    response = Client(raise_request_exception=False).get(
        reverse("api:victim_cases"), headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert not response.has_header("Retry-After")


def test_health_and_the_login_page_touch_no_database(
    db: None, django_assert_num_queries: Any
) -> None:
    client = Client()
    client.get(reverse("login"))  # the time zone is cached after a first look
    with django_assert_num_queries(0):
        assert client.get(reverse("healthz")).json() == {"status": "ok"}
        assert client.get(reverse("login")).status_code == 200


def test_ready_needs_the_database_and_a_recent_worker(
    db: None, tmp_path: Any, settings: Any
) -> None:
    settings.PALERMO_WORKER_HEARTBEAT = str(tmp_path / "heartbeat")

    before = Client().get(reverse("readyz"))
    outage.beat()
    after = Client().get(reverse("readyz"))

    assert before.status_code == 503
    assert before.json()["checks"] == {"database": True, "worker": False}
    assert after.status_code == 200


def test_the_cli_prints_one_line_for_an_unreachable_database(tmp_path: Any) -> None:
    env = {
        **os.environ,
        "PALERMO_HOME": str(tmp_path),
        # A port nothing listens on: refused at once.
        "PALERMO_DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere",
    }
    result = subprocess.run(
        [sys.executable, "-m", "palermo", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("palermo: the database cannot be reached")
