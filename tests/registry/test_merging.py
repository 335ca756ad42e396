"""Merging two records of one person and splitting one record of two: by a case worker of the
agency holding every record, audited, and undone exactly."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import IdentityChange, Person, VictimCase
from palermo.screening.models import Screening

REASON = "Same passport photo and same mother's name on both records."


def case_for(user: User, given: str, family: str) -> VictimCase:
    person = Person.objects.create(
        given_name=given, family_name=family, recorded_by_agency=user.agency
    )
    return VictimCase.objects.create(person=person, owning_agency=user.agency, opened_by=user)


def merge(client: Client, keep: Person, absorb: Person, reason: str = REASON) -> Any:
    return client.post(
        reverse("registry:person_identity", args=[keep.reference]),
        {"merge": "1", "merge-absorb": absorb.reference, "merge-reason": reason},
    )


def test_merge_moves_every_record_and_undo_restores_exactly(client: Client, worker: User) -> None:
    first, second = case_for(worker, "Thi Lan", "Nguyen"), case_for(worker, "Lan", "Nguyen")
    screening = Screening.objects.create(
        screener=worker, agency=worker.agency, indicator_list="adult_labour", person=second.person
    )
    later = VictimCase.objects.create(
        person=first.person, owning_agency=worker.agency, opened_by=worker
    )
    client.force_login(worker)

    assert merge(client, first.person, second.person).status_code == 302

    second.refresh_from_db()
    screening.refresh_from_db()
    assert second.person == first.person
    assert screening.person == first.person
    absorbed = IdentityChange.objects.get().source
    kept_keys = set(first.person.search_keys.values_list("digest", flat=True))
    assert set(absorbed.search_keys.values_list("digest", flat=True)) <= kept_keys
    assert absorbed.merged_into == first.person
    entry = AuditEntry.objects.get(action="merge")
    assert entry.changes["moved"] == {
        "registry.victimcase:person": 1,
        "screening.screening:person": 1,
    }
    assert "Nguyen" not in str(entry.changes)
    change = IdentityChange.objects.get()

    response = client.post(reverse("registry:identity_change_undo", args=[change.pk]))

    assert response.status_code == 302
    second.refresh_from_db()
    screening.refresh_from_db()
    later.refresh_from_db()
    assert second.person == absorbed
    assert screening.person == absorbed
    assert later.person == first.person  # it was never the absorbed record's
    absorbed.refresh_from_db()
    assert absorbed.merged_into is None
    assert first.person.search_keys.count() < len(kept_keys)
    assert AuditEntry.objects.filter(action="undo_merge").exists()
    again = client.post(reverse("registry:identity_change_undo", args=[change.pk]))
    assert again.status_code == 302
    assert AuditEntry.objects.filter(action="undo_merge").count() == 1


def test_split_moves_the_chosen_cases_to_a_new_person_and_undo_brings_them_back(
    client: Client, worker: User
) -> None:
    first = case_for(worker, "Mei", "Chan")
    second = VictimCase.objects.create(
        person=first.person, owning_agency=worker.agency, opened_by=worker
    )
    client.force_login(worker)

    response = client.post(
        reverse("registry:person_identity", args=[first.person.reference]),
        {
            "split": "1",
            "split-cases": [second.reference],
            "split-given_name": "May",
            "split-reason": REASON,
        },
    )

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.person != first.person
    assert (second.person.given_name, second.person.family_name) == ("May", "Chan")
    change = IdentityChange.objects.get(kind="split")
    client.post(reverse("registry:identity_change_undo", args=[change.pk]))
    second.refresh_from_db()
    assert second.person == first.person
    assert Person.objects.get(pk=change.target_id).merged_into == first.person


def test_a_merge_needs_a_reason_and_writes_nothing_without(client: Client, worker: User) -> None:
    first, second = case_for(worker, "A", "B"), case_for(worker, "C", "D")
    client.force_login(worker)

    response = merge(client, first.person, second.person, reason="x")

    assert response.status_code == 400
    assert not IdentityChange.objects.exists()


@pytest.mark.parametrize(
    ("agency", "role", "status"),
    [
        ("welfare", "case_worker", 200),  # a colleague at the holding agency
        ("shelter-ngo", "case_worker", 404),  # another agency
        ("welfare", "screener", 404),  # the wrong role
        ("welfare", "auditor", 404),
    ],
)
def test_who_may_open_the_merge_page(
    client: Client,
    worker: User,
    make_user: Callable[..., User],
    agency: str,
    role: str,
    status: int,
) -> None:
    case = case_for(worker, "Mei", "Chan")
    client.force_login(make_user("someone", agency, role))

    response = client.get(reverse("registry:person_identity", args=[case.person.reference]))

    assert response.status_code == status


def test_a_referred_persons_record_is_not_merged_by_the_receiving_agency(
    client: Client, worker: User, make_user: Callable[..., User]
) -> None:
    from palermo.registry.models import Consent, Referral

    shelter = make_user("shelter", "shelter-ngo", "case_worker")
    theirs, mine = case_for(worker, "Mei", "Chan"), case_for(shelter, "Mei", "Chan")
    Consent.objects.create(case=theirs, recorded_by=worker, form="written")
    Referral.send(theirs, shelter.agency, "shelter", worker).answer(True, shelter)
    client.force_login(shelter)

    response = merge(client, mine.person, theirs.person)

    assert response.status_code == 400
    assert "ask its own" in response.content.decode()
    assert not IdentityChange.objects.exists()


def test_undo_is_refused_to_another_agency(
    client: Client, worker: User, make_user: Callable[..., User]
) -> None:
    first, second = case_for(worker, "A", "B"), case_for(worker, "C", "D")
    client.force_login(worker)
    merge(client, first.person, second.person)
    change = IdentityChange.objects.get()
    client.force_login(make_user("outsider", "shelter-ngo", "case_worker"))

    response = client.post(reverse("registry:identity_change_undo", args=[change.pk]))

    assert response.status_code == 404
    change.refresh_from_db()
    assert not change.is_undone
