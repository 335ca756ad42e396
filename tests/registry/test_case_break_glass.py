"""Emergency access: a case worker outside the case's agencies opens it with a stated reason."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.registry.models import BreakGlassGrant, VictimCase

BREAK_GLASS = "registry:break_glass"
REASON = "The person called the hotline in danger tonight."


def test_the_page_asks_for_a_reference_and_a_reason(client: Client, outsider: User) -> None:
    client.force_login(outsider)

    page = client.get(reverse(BREAK_GLASS)).content.decode()

    assert 'name="reference"' in page
    assert 'name="reason"' in page


def test_an_outsider_gets_audited_emergency_access(
    client: Client, welfare_case: VictimCase, outsider: User
) -> None:
    client.force_login(outsider)
    case_url = reverse("registry:case_detail", args=[welfare_case.reference])
    assert client.get(case_url).status_code == 404

    response = client.post(
        reverse(BREAK_GLASS), {"reference": welfare_case.reference.lower(), "reason": REASON}
    )

    assert response.status_code == 302
    assert response["Location"] == case_url
    grant = BreakGlassGrant.objects.get()
    assert (grant.case, grant.user, grant.reason) == (welfare_case, outsider, REASON)
    glass = AuditEntry.objects.get(action="break_glass")
    assert glass.changes["reason_of"] == grant.audit_ref  # a pointer, never the text itself
    assert REASON not in str(glass.content())
    page = client.get(case_url)
    assert page.status_code == 200
    assert b"emergency access grant until" in page.content
    fold_pending_reads()  # reads reach the chain at the next fold
    read = AuditEntry.objects.filter(action="read", object_ref=welfare_case.reference).last()
    assert read is not None
    assert read.changes["reason_of"] == grant.audit_ref
    assert REASON not in str(read.content())


def test_a_short_reason_is_refused(
    client: Client, welfare_case: VictimCase, outsider: User
) -> None:
    client.force_login(outsider)

    response = client.post(
        reverse(BREAK_GLASS), {"reference": welfare_case.reference, "reason": "urgent"}
    )

    assert response.status_code == 400
    assert not BreakGlassGrant.objects.exists()


def test_an_unknown_reference_is_refused(client: Client, outsider: User) -> None:
    client.force_login(outsider)

    response = client.post(reverse(BREAK_GLASS), {"reference": "VC-00000-00000", "reason": REASON})

    assert response.status_code == 400
    assert "No case has this reference" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_a_case_already_visible_needs_no_grant(
    client: Client, welfare_case: VictimCase, colleague: User
) -> None:
    client.force_login(colleague)

    response = client.post(
        reverse(BREAK_GLASS), {"reference": welfare_case.reference, "reason": REASON}
    )

    assert response.status_code == 302
    assert not BreakGlassGrant.objects.exists()


def test_only_case_workers_break_the_glass(
    client: Client, welfare_case: VictimCase, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user("analyst", "secretariat", "analyst"))

    response = client.post(
        reverse(BREAK_GLASS), {"reference": welfare_case.reference, "reason": REASON}
    )

    assert response.status_code == 403
    assert not BreakGlassGrant.objects.exists()
