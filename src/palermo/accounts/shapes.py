"""A caller reduced to what decides the shape of their access rules' SQL (core/statements.py).

The access rules branch on whether the user is active, on their roles and on whether they belong
to an agency; the rest of what the rules read is the user's id and their agency's id, which go
into the SQL as values. A stand-in carries exactly that: the shape, and stand-in ids."""

from collections.abc import Hashable, Mapping
from datetime import datetime
from typing import Any

from palermo.accounts.models import User
from palermo.core.statements import Kind

# The slots a caller's access rules take: their id, their agency's id and the current time.
CALLER_SLOTS: Mapping[str, Kind] = {"user": int, "agency": int, "now": datetime}


def shape_of(user: User) -> Hashable:
    return (user.is_active, user.agency_id is None, frozenset(user.role_set()))


def caller_values(user: User, now: datetime) -> dict[str, Any]:
    return {"user": user.pk, "agency": user.agency_id, "now": now}


def stand_in_for(user: User, values: Mapping[str, Any]) -> User:
    """A user of the same shape as `user`, with the slots' stand-in ids."""
    stand_in = User(
        pk=values["user"],
        agency_id=None if user.agency_id is None else values["agency"],
        is_active=user.is_active,
    )
    stand_in.remember_roles(user.role_set())
    return stand_in
