"""Django's database cache with an atomic increment, so rate-limit counts hold across processes,
and with the table's cull run now and then instead of on every write.

The stock DatabaseCache increments by reading then writing, which loses counts when two
processes race (django-ratelimit refuses it for that reason). Here the increment reads and
writes in one transaction holding the row: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite every
write transaction takes the database's write lock first (settings use IMMEDIATE transactions).
Two statements, so the row (every API call with one token counts on the same row) is held as
briefly as possible.

The stock `set`/`add` also count the whole table (`SELECT COUNT(*)`) on every call to decide
whether to cull it. Rate limits write on every API call; here each process culls at most once
every CULL_EVERY_SECONDS (expired rows first, as Django does), which bounds the table just the
same for a cache whose entries expire within minutes.
"""

import base64
import pickle
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, models, router, transaction
from django.utils.timezone import now as tz_now

# How often one process counts the table and culls it when over MAX_ENTRIES.
CULL_EVERY_SECONDS = 60.0


class AtomicDatabaseCache(DatabaseCache):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._culled_at = 0.0  # never yet: the first write counts the table

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            _without_waiting_for_the_disk(cursor)
            cursor.execute(
                f"SELECT value, expires FROM {table} WHERE cache_key = %s{lock}",  # noqa: S608
                [key],
            )
            row = cursor.fetchone()
            if row is None or _as_datetime(row[1], connection) < tz_now():
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301
            cursor.execute(
                f"UPDATE {table} SET value = %s WHERE cache_key = %s",  # noqa: S608
                [self._encoded(value), key],
            )
        return int(value)

    def _base_set(
        self, mode: str, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT
    ) -> bool:
        """Django's own, with the cull moved out (see the module's docstring)."""
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        now = tz_now().replace(microsecond=0)
        expires = (
            datetime.max
            if timeout is None
            else datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        ).replace(microsecond=0)
        with connection.cursor() as cursor:
            self._cull_when_due(db, cursor, now)
            if mode == "add" and self._live(cursor, key, now):
                # The rate limits' usual case (the window's count exists): answered by one
                # read, without opening a transaction (two round trips fewer).
                return False
            try:
                with transaction.atomic(using=db):
                    _without_waiting_for_the_disk(cursor)
                    cursor.execute(
                        f"SELECT expires FROM {table} WHERE cache_key = %s",  # noqa: S608
                        [key],
                    )
                    row = cursor.fetchone()
                    live = bool(row) and _as_datetime(row[0], connection) >= now
                    statement = self._statement(mode, key, value, expires, row is not None, live)
                    if statement is None:
                        return False  # add of a live key, or touch of a missing one
                    cursor.execute(*statement)
            except DatabaseError:
                return False  # a racing insert of the same key: Django's own answer
        return True

    def _live(self, cursor: Any, key: str, now: datetime) -> bool:
        connection = cursor.db
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s", [key])  # noqa: S608
        row = cursor.fetchone()
        return bool(row) and _as_datetime(row[0], connection) >= now

    def _statement(
        self, mode: str, key: str, value: Any, expires: datetime, exists: bool, live: bool
    ) -> tuple[str, list[Any]] | None:
        """What `set`, `add` or `touch` writes for a key (Django's rules), or None."""
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        stored = connection.ops.adapt_datetimefield_value(expires)
        if exists and mode == "touch":
            return f"UPDATE {table} SET expires = %s WHERE cache_key = %s", [stored, key]  # noqa: S608
        if exists and (mode == "set" or (mode == "add" and not live)):
            update = f"UPDATE {table} SET value = %s, expires = %s WHERE cache_key = %s"  # noqa: S608
            return update, [self._encoded(value), stored, key]
        if not exists and mode != "touch":
            insert = f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)"  # noqa: S608
            return insert, [key, self._encoded(value), stored]
        return None

    def _cull_when_due(self, db: str, cursor: Any, now: datetime) -> None:
        if time.monotonic() - self._culled_at < CULL_EVERY_SECONDS:
            return
        self._culled_at = time.monotonic()
        table = connections[db].ops.quote_name(self._table)  # type: ignore[attr-defined]
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        count = cursor.fetchone()[0]
        if count > self._max_entries:
            self._cull(db, cursor, now, count)  # type: ignore[attr-defined]

    def _encoded(self, value: Any) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")


def _without_waiting_for_the_disk(cursor: Any) -> None:
    """On PostgreSQL, this transaction's commit does not wait for its WAL to reach the disk.

    A durable commit costs a disk flush (milliseconds on a busy disk), twice per API call for
    two counts. A count is not worth it: a crash can lose only the last fraction of a second of
    counts (a limit briefly more lenient), and never leaves a count half-written."""
    if cursor.db.vendor == "postgresql":
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _as_datetime(stored: Any, connection: Any) -> datetime:
    """The `expires` column as a datetime, whatever the database driver returned."""
    expression = models.Expression(output_field=models.DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    ):
        stored = converter(stored, expression, connection)
    return stored
