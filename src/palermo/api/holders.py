"""The person an API token acts for, with their agency and roles, in one statement written once.

Every API call asks this, so it is not built by the ORM each time (compiling the token query was
about a third of a list call's CPU). The statement is made from the models' own field lists the
first time a connection asks, and its values go through the same conversions the ORM applies
(time zones on SQLite, …). Nothing is cached between calls: a token revoked or expired, or whose
holder is deactivated, stops working at the next call, in every process.
"""

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from palermo.accounts.models import Agency, RoleAssignment, User

if TYPE_CHECKING:
    from palermo.api.models import ApiToken

# Read only if used (and decrypted only then): no API call needs the password hash or the
# second factor's secret to act for the user.
USER_FIELDS_LEFT_OUT = {"password", "totp_secret"}

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True)
class Columns:
    """Some of a model's fields as the statement reads them, with the ORM's converters."""

    model: type[Model]
    alias: str
    names: list[str]  # attribute names, in the model's field order
    columns: list[Any]
    converters: list[list[Converter]]

    @classmethod
    def of(
        cls, model: type[Model], alias: str, db: BaseDatabaseWrapper, left_out: frozenset[str]
    ) -> "Columns":
        fields = [f for f in model._meta.concrete_fields if f.name not in left_out]
        columns = [field.get_col(alias) for field in fields]
        return cls(
            model,
            alias,
            [field.attname for field in fields],
            columns,
            [db.ops.get_db_converters(column) + column.get_db_converters(db) for column in columns],
        )

    def select(self, db: BaseDatabaseWrapper) -> list[str]:
        return [
            f"{self.alias}.{db.ops.quote_name(column.target.column)}" for column in self.columns
        ]

    def build(self, values: Sequence[Any], db: BaseDatabaseWrapper) -> Any:
        converted = []
        for value, column, converters in zip(values, self.columns, self.converters, strict=True):
            for convert in converters:
                value = convert(value, column, db)
            converted.append(value)
        return self.model.from_db(db.alias, self.names, converted)


@dataclass(frozen=True)
class HolderStatement:
    sql: str
    token: Columns
    user: Columns
    agency: Columns


def _statement_for(db: BaseDatabaseWrapper) -> HolderStatement:
    from palermo.api.models import ApiToken

    q = db.ops.quote_name
    token = Columns.of(ApiToken, "t", db, frozenset({"name", "hint", "digest", "created_at"}))
    user = Columns.of(User, "u", db, frozenset(USER_FIELDS_LEFT_OUT))
    agency = Columns.of(Agency, "a", db, frozenset())
    select = [*token.select(db), *user.select(db), *agency.select(db), f"r.{q('role')}"]
    # One row per role (a LEFT JOIN: a holder without roles still comes back once). No
    # aggregate, so the one statement runs on SQLite and on PostgreSQL alike.
    # Names from the models' own metadata, quoted; the values are parameters.
    sql = (
        f"SELECT {', '.join(select)} FROM {q(ApiToken._meta.db_table)} t "  # noqa: S608
        f"JOIN {q(User._meta.db_table)} u ON u.{q('id')} = t.{q('user_id')} "
        f"LEFT JOIN {q(Agency._meta.db_table)} a ON a.{q('id')} = u.{q('agency_id')} "
        f"LEFT JOIN {q(RoleAssignment._meta.db_table)} r ON r.{q('user_id')} = u.{q('id')} "
        f"WHERE t.{q('digest')} = %s AND t.{q('revoked_at')} IS NULL "
        f"AND t.{q('expires_at')} > %s"
    )
    return HolderStatement(sql, token, user, agency)


# One per connection object (the converters belong to it); it goes when the connection does.
_statements: "weakref.WeakKeyDictionary[BaseDatabaseWrapper, HolderStatement]" = (
    weakref.WeakKeyDictionary()
)


def _statement(db: BaseDatabaseWrapper) -> HolderStatement:
    found = _statements.get(db)
    if found is None:
        found = _statements[db] = _statement_for(db)
    return found


def live_token_with_holder(digest: str, now: datetime) -> "ApiToken | None":
    """The live token with this digest (only its id and last use read), its `user` loaded
    with the agency and the roles; None if there is no such live token."""
    db = connections[DEFAULT_DB_ALIAS]
    read = _statement(db)
    with db.cursor() as cursor:
        cursor.execute(read.sql, [digest, db.ops.adapt_datetimefield_value(now)])
        rows = cursor.fetchall()
    if not rows:
        return None
    values = iter(rows[0])
    token = read.token.build([next(values) for _ in read.token.names], db)
    user = read.user.build([next(values) for _ in read.user.names], db)
    agency_values = [next(values) for _ in read.agency.names]
    agency = None if agency_values[0] is None else read.agency.build(agency_values, db)
    # As select_related("user__agency") leaves them: no query when they are asked for.
    User._meta.get_field("agency").set_cached_value(user, agency)
    type(token)._meta.get_field("user").set_cached_value(token, user)
    user.remember_roles(row[-1] for row in rows if row[-1] is not None)
    return token
