"""Run two requests at the same moment, each on its own thread and database connection.

On SQLite one writer holds the whole file, so the race these tests look for cannot happen
there: they run on PostgreSQL only (`scripts/test-postgres`)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

# A transactional test: every thread's connection sees what the test committed.
on_postgres = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks race only on PostgreSQL"
    ),
]


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Start every call together (a barrier) and return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the test reads it as the outcome
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def statuses(responses: list[Any]) -> list[int]:
    return sorted(response.status_code for response in responses)
