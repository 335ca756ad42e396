"""Guessing is slow and costly: 429 with Retry-After for logins, codes and the API, counted in
a table every process shares (palermo.core.ratelimits); five wrong passwords lock one (account,
address) pair, not the account, so nobody can lock staff out from elsewhere."""

from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client

from palermo.accounts.models import User
from palermo.api.models import ApiToken

PASSWORD = "correct horse battery staple"
HOME = {"REMOTE_ADDR": "10.0.0.1"}
ELSEWHERE = {"REMOTE_ADDR": "10.0.0.2"}


@pytest.fixture
def worker(make_user: Callable[..., User]) -> User:
    return make_user("worker", "welfare", "case_worker", password=PASSWORD)


def password(client: Client, secret: str, where: dict[str, str], name: str = "worker") -> Any:
    return client.post("/login/", {"username": name, "password": secret}, **where)


def test_an_attacker_elsewhere_cannot_lock_the_staff_member_out(worker: User) -> None:
    attacker = Client()
    for _ in range(settings.PALERMO_MAX_FAILED_LOGINS):
        password(attacker, "wrong guess", ELSEWHERE)
    assert password(attacker, PASSWORD, ELSEWHERE).status_code == 429

    assert password(Client(), PASSWORD, HOME).status_code == 302
    worker.refresh_from_db()
    assert not worker.is_locked_out()


def test_a_locked_pair_still_costs_a_password_hash(
    worker: User, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused before the password is checked, it would answer faster than a wrong password."""
    for _ in range(settings.PALERMO_MAX_FAILED_LOGINS):
        password(client, "wrong guess", HOME)
    hashed = []
    original = Argon2PasswordHasher.encode
    monkeypatch.setattr(
        Argon2PasswordHasher,
        "encode",
        lambda self, pw, salt: hashed.append(1) or original(self, pw, salt),
    )

    assert password(client, PASSWORD, HOME).status_code == 429
    assert hashed


def test_password_attempts_from_one_address_are_limited(
    worker: User, settings: Any, client: Client
) -> None:
    settings.PALERMO_RATES = {"login_address": "3/m"}
    for name in ["a", "b", "c"]:
        assert password(client, "guess", HOME, name=name).status_code == 200

    response = password(client, "guess", HOME, name="d")

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert password(Client(), PASSWORD, ELSEWHERE).status_code == 302


def test_code_attempts_for_one_account_are_limited(
    worker: User, settings: Any, client: Client
) -> None:
    settings.PALERMO_RATES = {"code_account": "2/m"}
    worker.totp_secret, worker.totp_confirmed = pyotp.random_base32(), True
    worker.save()
    password(client, PASSWORD, HOME)
    client.post("/login/code/", {"code": "000000"})
    client.post("/login/code/", {"code": "000001"})

    response = client.post("/login/code/", {"code": pyotp.TOTP(worker.totp_secret).now()})

    assert response.status_code == 429
    assert "Retry-After" in response
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("good", [True, False])
def test_the_api_answers_429_per_token(worker: User, settings: Any, good: bool) -> None:
    settings.PALERMO_RATES = {"api_token": "3/m"}
    token = ApiToken.issue(worker, "test", 1)[1] if good else "plm_not-a-token"
    program = Client()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(3):
        assert program.get("/api/v1/audit/", headers=headers).status_code in {200, 401, 403}

    response = program.get("/api/v1/audit/", headers=headers)

    assert response.status_code == 429
    assert response.json()["detail"]
    assert int(response["Retry-After"]) >= 1


def test_the_api_answers_429_per_address(worker: User, settings: Any) -> None:
    settings.PALERMO_RATES = {"api_address": "2/m"}
    program = Client()
    for n in range(2):
        program.get("/api/v1/audit/", headers={"Authorization": f"Bearer plm_{n}"}, **HOME)

    rotated = program.get("/api/v1/audit/", headers={"Authorization": "Bearer plm_x"}, **HOME)

    assert rotated.status_code == 429


def test_a_request_without_a_client_address_is_counted_not_failed(db: None) -> None:
    from django.test import RequestFactory

    from palermo.core.ratelimits import over_limit

    request = RequestFactory().post("/tip/")
    del request.META["REMOTE_ADDR"]
    waits = [over_limit(request, "no-address-test", "ip", every="2/m") for _ in range(3)]
    assert waits[:2] == [0, 0]
    assert waits[2] > 0
