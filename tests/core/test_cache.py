"""The rate limits' database cache: atomic increments, Django's set/add rules, occasional cull."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palermo.core import cache as cache_module


@pytest.fixture
def shared(db: None) -> object:
    store = caches["ratelimit"]
    store.clear()
    return store


def test_add_then_incr_counts_and_add_keeps_a_live_value(shared: object) -> None:
    store = caches["ratelimit"]
    assert store.add("k", 1, 60)
    assert not store.add("k", 5, 60)
    assert store.incr("k") == 2
    assert store.incr("k", 3) == 5
    assert store.get("k") == 5
    with pytest.raises(ValueError, match="not found"):
        store.incr("missing")


def test_an_expired_key_is_replaced_by_add_and_not_incremented(shared: object) -> None:
    store = caches["ratelimit"]
    store.set("k", 7, -1)  # already expired
    with pytest.raises(ValueError, match="not found"):
        store.incr("k")
    assert store.add("k", 1, 60)
    assert store.get("k") == 1
    assert store.touch("k", 120)
    assert not store.touch("missing", 120)


def test_the_table_is_counted_once_a_minute_not_on_every_write(
    shared: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = caches["ratelimit"]
    store._culled_at = 0.0  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as queries:
        for n in range(20):
            store.add(f"k{n}", 1, 60)
    counts = [q for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1


def test_a_due_cull_removes_expired_rows_when_the_table_is_over_its_bound(
    shared: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = caches["ratelimit"]
    monkeypatch.setattr(store, "_max_entries", 3)
    for n in range(5):
        store.set(f"old{n}", 1, -1)
    monkeypatch.setattr(cache_module, "CULL_EVERY_SECONDS", 0.0)
    store.set("new", 1, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM palermo_cache")
        assert cursor.fetchone()[0] <= 3
