"""Merging, splitting and undoing persons' records: the person page's changes, with its rules
(a case worker of the agency holding every record of the persons; 404 for anyone else)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from palermo.api.errors import as_form_data, check
from palermo.api.security import caller
from palermo.core import limits
from palermo.registry.identity_forms import MergeForm, SplitForm
from palermo.registry.merging import (
    change_to_undo,
    merge_persons,
    person_to_merge,
    split_person,
    undo,
)
from palermo.registry.models import IdentityChange

router = Router(tags=["persons"])


class MergeIn(Schema):
    absorb: str = Field(description="The reference of the other record of this person (P-…)")
    reason: str = Field(description="Why; kept encrypted", max_length=limits.REASON)


class SplitIn(Schema):
    cases: list[str] = Field(description="References of the cases that are another person's")
    given_name: str = Field("", max_length=limits.NAME)
    family_name: str = Field("", max_length=limits.NAME)
    reason: str = Field(description="Why; kept encrypted", max_length=limits.REASON)


def change_detail(change: IdentityChange) -> dict[str, Any]:
    return {
        "id": change.pk,
        "kind": change.kind,
        "source": change.source.reference,
        "target": change.target.reference,
        "moved": {label: len(pks) for label, pks in change.moved.items()},
        "made_at": change.made_at.isoformat(),
        "undone_at": change.undone_at.isoformat() if change.undone_at else None,
    }


@router.post("/persons/{reference}/merge/", url_name="person_merge", response={201: dict[str, Any]})
def merge(request: HttpRequest, reference: str, payload: MergeIn) -> Status[Any]:
    """Move every record of `absorb` to this person (reversible: see the undo)."""
    user = caller(request)
    keep = person_to_merge(user, reference)
    cleaned = check(MergeForm(as_form_data(payload)))
    absorb = person_to_merge(user, cleaned["absorb"])
    return Status(201, change_detail(merge_persons(user, keep, absorb, cleaned["reason"])))


@router.post("/persons/{reference}/split/", url_name="person_split", response={201: dict[str, Any]})
def split(request: HttpRequest, reference: str, payload: SplitIn) -> Status[Any]:
    """Move the chosen cases to a new person (reversible: see the undo)."""
    user = caller(request)
    person = person_to_merge(user, reference)
    cleaned = check(SplitForm(as_form_data(payload), person=person))
    names = {"given_name": cleaned["given_name"], "family_name": cleaned["family_name"]}
    change = split_person(user, person, cleaned["cases"], cleaned["reason"], names)
    return Status(201, change_detail(change))


@router.post(
    "/identity-changes/{pk}/undo/", url_name="identity_change_undo", response=dict[str, Any]
)
def undo_change(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Move back exactly what the merge or split moved."""
    user = caller(request)
    change = change_to_undo(user, pk)
    undo(user, change)
    change.refresh_from_db()
    return change_detail(change)
