"""Argon2 password hashes, lockout after repeated failures, expiring sessions."""

from collections.abc import Callable

from django.conf import settings
from django.test import Client

from palermo.accounts.models import User

PASSWORD = "correct horse battery staple"


def log_in(client: Client, password: str) -> int:
    response = client.post("/login/", {"username": "worker", "password": password})
    return int(response.status_code)


def test_passwords_are_hashed_with_argon2(make_user: Callable[..., User]) -> None:
    user = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    assert user.password.startswith("argon2$")


def test_the_right_password_logs_in(make_user: Callable[..., User], client: Client) -> None:
    make_user("worker", "welfare", "case_worker", password=PASSWORD)
    assert log_in(client, PASSWORD) == 302


def test_repeated_failures_lock_the_pair_even_for_the_right_password(
    make_user: Callable[..., User], client: Client
) -> None:
    make_user("worker", "welfare", "case_worker", password=PASSWORD)
    for _ in range(settings.PALERMO_MAX_FAILED_LOGINS - 1):
        assert log_in(client, "wrong guess") == 200
    assert log_in(client, "wrong guess") == 429  # the failure that reaches the limit locks

    response = client.post("/login/", {"username": "worker", "password": PASSWORD})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_one_failure_short_of_the_limit_does_not_lock(
    make_user: Callable[..., User], client: Client
) -> None:
    make_user("worker", "welfare", "case_worker", password=PASSWORD)
    for _ in range(settings.PALERMO_MAX_FAILED_LOGINS - 1):
        log_in(client, "wrong guess")

    assert log_in(client, PASSWORD) == 302


def test_failed_logins_are_audited(make_user: Callable[..., User], client: Client) -> None:
    from palermo.audit.models import AuditEntry

    make_user("worker", "welfare", "case_worker", password=PASSWORD)
    log_in(client, "wrong guess")

    assert AuditEntry.objects.filter(action="login_failed", object_ref="worker").exists()


def test_sessions_expire_when_idle_and_with_the_browser() -> None:
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_SAVE_EVERY_REQUEST
