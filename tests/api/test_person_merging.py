"""Merging, splitting and undoing through the API: the page's rules and records."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.registry.models import IdentityChange, Person, VictimCase
from tests.api.program import Headers

REASON = "Same passport photo and same mother's name on both records."


def case_for(user: User, given: str) -> VictimCase:
    person = Person.objects.create(given_name=given, recorded_by_agency=user.agency)
    return VictimCase.objects.create(person=person, owning_agency=user.agency, opened_by=user)


def call(program: Client, name: str, args: list[Any], headers: dict[str, str], body: Any) -> Any:
    return program.post(
        reverse(f"api:{name}", args=args), body, content_type="application/json", headers=headers
    )


def test_merge_and_undo(program: Client, worker: User, bearer: Headers) -> None:
    keep, absorb = case_for(worker, "Ana"), case_for(worker, "Anna")

    merged = call(
        program,
        "person_merge",
        [keep.person.reference],
        bearer(worker),
        {"absorb": absorb.person.reference, "reason": REASON},
    )

    assert merged.status_code == 201
    assert merged.json()["moved"] == {"registry.victimcase:person": 1}
    absorb.refresh_from_db()
    assert absorb.person == keep.person
    undone = call(program, "identity_change_undo", [merged.json()["id"]], bearer(worker), {})
    assert undone.status_code == 200
    assert undone.json()["undone_at"] is not None
    absorb.refresh_from_db()
    assert absorb.person != keep.person


def test_split(program: Client, worker: User, bearer: Headers) -> None:
    first = case_for(worker, "Ana")
    second = VictimCase.objects.create(
        person=first.person, owning_agency=worker.agency, opened_by=worker
    )

    response = call(
        program,
        "person_split",
        [first.person.reference],
        bearer(worker),
        {"cases": [second.reference], "given_name": "Ana Maria", "reason": REASON},
    )

    assert response.status_code == 201
    second.refresh_from_db()
    assert second.person.reference == response.json()["target"]


def test_other_agency_and_wrong_role_get_404(
    program: Client, worker: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    keep, absorb = case_for(worker, "Ana"), case_for(worker, "Anna")
    body = {"absorb": absorb.person.reference, "reason": REASON}
    for outsider in (
        make_user("outsider", "shelter-ngo", "case_worker"),
        make_user("screener", "welfare", "screener"),
    ):
        response = call(program, "person_merge", [keep.person.reference], bearer(outsider), body)
        assert response.status_code == 404
    assert not IdentityChange.objects.exists()


def test_a_short_reason_is_422(program: Client, worker: User, bearer: Headers) -> None:
    keep, absorb = case_for(worker, "Ana"), case_for(worker, "Anna")

    response = call(
        program,
        "person_merge",
        [keep.person.reference],
        bearer(worker),
        {"absorb": absorb.person.reference, "reason": "x"},
    )

    assert response.status_code == 422
    assert not IdentityChange.objects.exists()
