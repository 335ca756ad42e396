"""Emergency access is seen at once by the owning agency and the auditors, and reviewed by them."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import RoleAssignment, User
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.core import limits
from palermo.registry.access import break_glass_grant_to_act_on, break_glass_grants_visible_to
from palermo.registry.models import BreakGlassGrant, VictimCase

REASON = "The person called the hotline in danger tonight."
NOTE = "The hotline log confirms the call; access was needed."
GRANTS = "registry:break_glass_grants"


@pytest.fixture
def grant(welfare_case: VictimCase, outsider: User) -> BreakGlassGrant:
    return BreakGlassGrant.open(welfare_case, outsider, REASON)


@pytest.fixture
def auditor(make_user: Callable[..., User]) -> User:
    return make_user("auditor", "police", "auditor")


@pytest.fixture
def bystander(make_user: Callable[..., User]) -> User:
    """A case worker at a third agency: neither owns the case nor opened it."""
    return make_user("bystander", "police", "case_worker")


def review_url(grant: BreakGlassGrant) -> str:
    return reverse("registry:break_glass_review", args=[grant.pk])


def test_the_owner_the_colleague_and_the_auditor_see_the_grant_on_their_home_page(
    client: Client, grant: BreakGlassGrant, owner: User, colleague: User, auditor: User
) -> None:
    for user in (owner, colleague, auditor):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert "Emergency access awaiting review" in page
        assert grant.case.reference in page
        assert "outsider" in page
        assert REASON not in page  # the reason is read, audited, on the review page only
        assert "Chanwright" not in page


def test_outsiders_and_the_grantee_are_not_told(
    client: Client, grant: BreakGlassGrant, outsider: User, bystander: Any
) -> None:
    for user in (outsider, bystander):
        client.force_login(user)
        assert (
            "Emergency access awaiting review" not in client.get(reverse("home")).content.decode()
        )
        page = client.get(reverse(GRANTS) + "?show=all").content.decode()
        assert REASON not in page
        assert not break_glass_grants_visible_to(user).exists()
        response = client.post(review_url(grant), {"justified": "yes", "note": NOTE})
        assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_the_grantee_may_not_review_their_own_access(grant: BreakGlassGrant, auditor: User) -> None:
    RoleAssignment.objects.create(user=grant.user, role="auditor")
    grant.user.forget_roles()
    with pytest.raises(PermissionDenied):
        break_glass_grant_to_act_on(grant.user, grant.pk)
    assert break_glass_grant_to_act_on(auditor, grant.pk) == grant
    with pytest.raises(Http404):
        break_glass_grant_to_act_on(auditor, grant.pk + 1)


def test_the_review_page_shows_the_reason_and_audits_reading_it(
    client: Client, grant: BreakGlassGrant, colleague: User
) -> None:
    client.force_login(colleague)

    page = client.get(reverse(GRANTS)).content.decode()

    assert REASON in page
    fold_pending_reads()  # reads reach the chain at the next fold
    read = AuditEntry.objects.filter(action="read", object_type="break_glass_grant").get()
    assert read.changes["reasons_of"] == [grant.audit_ref]
    assert REASON not in str(read.content())


def test_a_colleague_marks_the_grant_reviewed_and_it_leaves_the_home_page(
    client: Client, grant: BreakGlassGrant, colleague: User, owner: User
) -> None:
    client.force_login(colleague)

    response = client.post(review_url(grant), {"justified": "no", "note": NOTE})

    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.reviewed_by, grant.justified, grant.review_note) == (colleague, False, NOTE)
    entry = AuditEntry.objects.get(action="review_break_glass")
    assert entry.changes == {"justified": False, "note_of": grant.audit_ref}
    assert NOTE not in str(entry.content())
    client.force_login(owner)
    assert "Emergency access awaiting review" not in client.get(reverse("home")).content.decode()
    assert grant.case.reference not in client.get(reverse(GRANTS)).content.decode()
    everything = client.get(reverse(GRANTS) + "?show=all").content.decode()
    assert "Reviewed: not justified" in everything
    assert NOTE in everything


def test_an_auditor_reviews_and_a_second_review_is_refused(
    client: Client, grant: BreakGlassGrant, auditor: User, owner: User
) -> None:
    client.force_login(auditor)
    assert client.post(review_url(grant), {"justified": "yes", "note": NOTE}).status_code == 302
    client.force_login(owner)

    response = client.post(review_url(grant), {"justified": "no", "note": NOTE})

    assert response.status_code == 400
    assert "already been reviewed" in response.content.decode()
    grant.refresh_from_db()
    assert (grant.reviewed_by, grant.justified) == (auditor, True)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"justified": "yes", "note": "ok"}, "note"),
        ({"justified": "yes", "note": "x" * (limits.NOTE + 1)}, "note"),
        ({"note": NOTE}, "justified"),
    ],
)
def test_a_bad_review_is_refused_and_nothing_is_stored(
    client: Client, grant: BreakGlassGrant, owner: User, data: dict[str, str], field: str
) -> None:
    client.force_login(owner)

    response = client.post(review_url(grant), data)

    assert response.status_code == 400
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    assert not AuditEntry.objects.filter(action="review_break_glass").exists()


def test_the_note_is_encrypted_at_rest(grant: BreakGlassGrant, owner: User) -> None:
    grant.review(owner, justified=True, note=NOTE)

    with connection.cursor() as cursor:
        cursor.execute("SELECT review_note FROM registry_breakglassgrant")
        (stored,) = cursor.fetchone()
    assert NOTE not in str(stored)
