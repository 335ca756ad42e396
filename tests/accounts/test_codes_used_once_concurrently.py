"""A one-time code is used once, even when several requests send it at the same moment."""

import threading
import time
from collections.abc import Callable

import pyotp
import pytest
from django.db import connection
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.totp import accept_code

PASSWORD = "correct horse battery staple"
ATTEMPTS = 6


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("trial", range(3))
def test_the_same_code_sent_at_once_logs_in_one_session(
    make_user: Callable[..., User], trial: int
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; the race needs a real concurrent database")
    worker = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    worker.totp_secret, worker.totp_confirmed = pyotp.random_base32(), True
    worker.save()
    clients = [Client() for _ in range(ATTEMPTS)]
    for client in clients:
        assert (
            client.post("/login/", {"username": "worker", "password": PASSWORD}).status_code == 302
        )
    code = pyotp.TOTP(worker.totp_secret).now()
    start, answers = threading.Barrier(ATTEMPTS), []

    def send(client: Client) -> None:
        try:
            start.wait()
            answers.append(client.post("/login/code/", {"code": code}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [200] * (ATTEMPTS - 1) + [302]


def test_the_step_is_claimed_with_one_conditional_update(make_user: Callable[..., User]) -> None:
    worker = make_user("worker", "welfare", "case_worker")
    worker.totp_secret = pyotp.random_base32()
    worker.save()
    stale = User.objects.get(pk=worker.pk)  # a second request's copy, loaded before the first won
    code = pyotp.TOTP(worker.totp_secret).at(time.time())

    assert accept_code(worker, code)
    assert not accept_code(stale, code)
