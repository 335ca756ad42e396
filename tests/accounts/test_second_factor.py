"""Every login needs a one-time code; the app is enrolled by QR code on first login."""

import re
import time
from collections.abc import Callable

import pyotp
import pytest
from django.test import Client

from palermo.accounts.enrolment import issue_enrolment_link
from palermo.accounts.models import User

PASSWORD = "correct horse battery staple"


@pytest.fixture
def worker(make_user: Callable[..., User]) -> User:
    return make_user("worker", "welfare", "case_worker", password=PASSWORD)


def password_step(client: Client) -> str:
    response = client.post("/login/", {"username": "worker", "password": PASSWORD})
    assert response.status_code == 302
    return str(response["Location"])


def code_for(secret: str, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * offset_steps)


def enrol_by_link(client: Client, worker: User) -> str:
    """Open an administrator's enrolment link, pass the password step; return the shown key."""
    client.get(issue_enrolment_link(worker, None))
    assert password_step(client) == "/login/enrol/"
    page = client.get("/login/enrol/").content.decode()
    assert 'src="data:image/svg+xml' in page
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page)
    assert secret is not None
    return secret.group(1)


def test_first_login_enrols_the_app_by_qr_code_then_logs_in(worker: User, client: Client) -> None:
    secret = enrol_by_link(client, worker)

    response = client.post("/login/enrol/", {"code": code_for(secret)})

    assert response.status_code == 302
    assert client.get("/").status_code == 200
    worker.refresh_from_db()
    assert worker.totp_confirmed
    assert worker.enrolment_digest == ""


def test_the_key_is_not_shown_to_whoever_knows_the_password(worker: User, client: Client) -> None:
    issue_enrolment_link(worker, None)  # issued, but this visitor never opened it
    worker.refresh_from_db()

    assert password_step(client) == "/login/enrol/"
    response = client.get("/login/enrol/")

    assert response.status_code == 403
    assert worker.totp_secret not in response.content.decode()
    assert "totp-secret" not in response.content.decode()


def test_an_enrolment_link_works_once(worker: User, client: Client) -> None:
    link = issue_enrolment_link(worker, None)
    client.get(link)
    password_step(client)
    worker.refresh_from_db()
    client.post("/login/enrol/", {"code": code_for(worker.totp_secret)})
    client.post("/logout/")

    other = Client()
    other.get(link)
    assert password_step(other) == "/login/code/"  # enrolled: the code step, no key shown


def test_wrong_codes_during_enrolment_are_counted(worker: User, client: Client) -> None:
    enrol_by_link(client, worker)
    for _ in range(5):
        client.post("/login/enrol/", {"code": "000000"})

    worker.refresh_from_db()
    assert worker.is_locked_out()


def test_the_password_alone_does_not_log_in(worker: User, client: Client) -> None:
    password_step(client)
    assert client.get("/").status_code == 302


def test_an_enrolled_user_gives_the_current_code(worker: User, client: Client) -> None:
    worker.totp_secret, worker.totp_confirmed = pyotp.random_base32(), True
    worker.save()

    assert password_step(client) == "/login/code/"
    assert client.post("/login/code/", {"code": "000000"}).status_code == 200
    assert client.get("/").status_code == 302
    assert client.post("/login/code/", {"code": code_for(worker.totp_secret)}).status_code == 302
    assert client.get("/").status_code == 200


def test_a_used_code_cannot_be_replayed(worker: User, client: Client) -> None:
    worker.totp_secret, worker.totp_confirmed = pyotp.random_base32(), True
    worker.save()
    code = code_for(worker.totp_secret)
    password_step(client)
    client.post("/login/code/", {"code": code})
    client.post("/logout/")

    password_step(client)
    response = client.post("/login/code/", {"code": code})

    assert response.status_code == 200
    assert "not valid" in response.content.decode()


def test_wrong_codes_count_towards_the_lockout(worker: User, client: Client) -> None:
    worker.totp_secret, worker.totp_confirmed = pyotp.random_base32(), True
    worker.save()
    password_step(client)
    for _ in range(5):
        client.post("/login/code/", {"code": "000000"})

    worker.refresh_from_db()
    assert worker.is_locked_out()
