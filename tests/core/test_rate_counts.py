"""Rate-limit counts: one upsert per request, a new window starts at one, nothing lost in races."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections

from palermo.core.ratelimits import count_requests, split_rate


def count_request(key: str, window_ends: int, now: int) -> tuple[int, int]:
    return count_requests({key: window_ends}, now)[key]


def test_rates_read_as_requests_per_seconds() -> None:
    assert split_rate("30/m") == (30, 60)
    assert split_rate("10/5m") == (10, 300)
    assert split_rate("5/h") == (5, 3600)
    with pytest.raises(ImproperlyConfigured, match="not a rate"):
        split_rate("often")


def test_a_count_grows_within_its_window_and_starts_again_after_it(db: None) -> None:
    assert count_request("k", window_ends=1060, now=1001) == (1, 1060)
    assert count_request("k", window_ends=1060, now=1030) == (2, 1060)
    assert count_request("k", window_ends=1120, now=1060) == (1, 1120)  # the window ended


def test_one_request_is_one_statement(db: None) -> None:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        count_request("k", window_ends=1060, now=1001)
    assert len(queries) == 1


def test_several_keys_are_counted_in_one_statement_each_in_its_own_window(db: None) -> None:
    from django.test.utils import CaptureQueriesContext

    count_request("address", window_ends=1060, now=1001)
    with CaptureQueriesContext(connection) as queries:
        counted = count_requests({"token": 1300, "address": 1060}, now=1002)
    assert len(queries) == 1
    assert counted == {"address": (2, 1060), "token": (1, 1300)}


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_not_lost() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; the race needs a real concurrent database")

    def count_ten() -> None:
        for _ in range(10):
            count_request("raced", window_ends=2_000_000_000, now=1)
        connections.close_all()

    threads = [threading.Thread(target=count_ten) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count_request("raced", window_ends=2_000_000_000, now=1)[0] == 81
