"""Django's database cache with an atomic increment, so rate-limit counts hold across processes.

The stock DatabaseCache increments by reading then writing, which loses counts when two
processes race (django-ratelimit refuses it for that reason). Here the read and the write happen
in one transaction holding the row: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite every write
transaction takes the database's write lock first (settings use IMMEDIATE transactions).
"""

from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
