"""EXISTS checked row by row along an index, for the access rules' "or" branches.

In `owning agency = mine OR EXISTS (a referral of this case accepted by my agency)`, PostgreSQL
may hash the whole subquery first (every referral my agency ever accepted) because it plans for
every row of the table, not for the 25 a page reads: a list would then cost more as the table
grows. `OFFSET 0` in the subquery keeps PostgreSQL from turning it into a hashed one, so each row
the list reads is checked by one index lookup, and a page costs the same whatever the table's
size. The rows found are the same either way.
"""

from typing import Any

from django.db.models import Exists


class ProbedExists(Exists):
    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Exists always ends its subquery with LIMIT 1, after which OFFSET may follow.
        return self.as_sql(compiler, connection, template="EXISTS(%(subquery)s OFFSET 0)", **extra)
