"""Agencies are edited by administrators, within the pack's rule on who identifies victims."""

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency
from palermo.audit.models import AuditEntry


def test_an_agency_is_renamed_and_audited(admin_client: Client) -> None:
    welfare = Agency.objects.get(code="welfare")
    response = admin_client.post(
        reverse("administration:agency", args=[welfare.pk]),
        {"name": "Social Welfare Bureau", "kind": "social_welfare", "is_committee_member": "on"},
    )

    assert response.status_code == 302
    welfare.refresh_from_db()
    assert welfare.name == "Social Welfare Bureau"
    assert welfare.is_committee_member
    entry = AuditEntry.objects.get(action="agency_changed")
    assert entry.object_ref == "welfare"
    assert "name" in entry.changes["fields"]
    assert (
        "Social Welfare Bureau"
        in admin_client.get(reverse("administration:agencies")).content.decode()
    )


def test_an_ngo_cannot_become_a_competent_authority(admin_client: Client) -> None:
    ngo = Agency.objects.filter(kind="ngo").first() or Agency.objects.get(code="hotline")
    response = admin_client.post(
        reverse("administration:agency", args=[ngo.pk]),
        {"name": ngo.name, "kind": ngo.kind, "identifies_victims": "on"},
    )

    assert response.status_code == 400
    assert "cannot be the competent authority" in response.content.decode()
    ngo.refresh_from_db()
    assert not ngo.identifies_victims
    assert not AuditEntry.objects.filter(action="agency_changed").exists()
