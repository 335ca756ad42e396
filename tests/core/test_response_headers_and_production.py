"""Pages and API answers with personal data are never cached; no powerful browser features;
production refuses a weak secret key and passes `check --deploy`."""

import base64
import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from palermo.accounts.models import User
from palermo.api.models import ApiToken
from palermo.workdir import new_keyring_json


def test_a_signed_in_page_is_not_stored(make_user: Callable[..., User], client: Client) -> None:
    client.force_login(make_user("worker", "welfare", "case_worker"))

    response = client.get("/")

    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_an_api_answer_is_not_stored(make_user: Callable[..., User]) -> None:
    _, token = ApiToken.issue(make_user("worker", "welfare", "case_worker"), "t", 1)

    response = Client().get("/api/v1/audit/", headers={"Authorization": f"Bearer {token}"})

    assert "no-store" in response["Cache-Control"]


def production(tmp_path: Path, secret: str, *command: str) -> subprocess.CompletedProcess[str]:
    # The browser tests allow Django's ORM in Playwright's event loop for this process; a
    # deployment never does, and the check says so, so the child must not inherit it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "PALERMO_HOME": str(tmp_path),
        "PALERMO_PRODUCTION": "1",
        "PALERMO_SECRET_KEY": secret,
        "PALERMO_DATA_KEYS": new_keyring_json(),
        "PALERMO_AUDIT_KEY": base64.b64encode(b"a" * 32).decode(),
        "PALERMO_ALLOWED_HOSTS": "palermo.example",
        "PALERMO_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-m", "palermo", *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("weak", ["short", "django-insecure-" + "x" * 60, "a" * 64])
def test_production_refuses_a_weak_secret_key(tmp_path: Path, weak: str) -> None:
    result = production(tmp_path, weak, "check")

    assert result.returncode != 0
    assert "PALERMO_SECRET_KEY is too weak" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = production(tmp_path, secrets.token_urlsafe(50), "check", "--deploy")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
