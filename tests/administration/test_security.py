"""Lockouts cleared, lost second factors reset, API tokens revoked: each with its audit entry."""

from collections.abc import Callable

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.administration.models import ActionReason
from palermo.api.models import ApiToken
from palermo.audit.models import AuditEntry

ADDRESS = "192.0.2.77"


def locked_pair(username: str) -> AccessAttempt:
    return AccessAttempt.objects.create(
        username=username,
        ip_address=ADDRESS,
        user_agent="test",
        http_accept="*/*",
        path_info="/login/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )


def test_the_locks_page_shows_address_and_account_locks_and_clears_one(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    locked_pair("worker")
    coder = make_user("coder", "police", Role.INVESTIGATOR)
    coder.locked_until = timezone.now() + timezone.timedelta(minutes=10)
    coder.save()

    page = admin_client.get(reverse("administration:locks")).content.decode()

    assert "worker" in page
    assert ADDRESS in page
    assert "coder" in page
    attempt = AccessAttempt.objects.get()
    admin_client.post(reverse("administration:clear_lock", args=["address", attempt.pk]))
    admin_client.post(reverse("administration:clear_lock", args=["account", coder.pk]))
    assert not AccessAttempt.objects.exists()
    assert User.objects.get(pk=coder.pk).locked_until is None
    entries = AuditEntry.objects.filter(action="lock_cleared").order_by("sequence")
    assert [(e.object_ref, e.changes["kind"]) for e in entries] == [
        ("worker", "address"),
        ("coder", "account"),
    ]
    assert all(ADDRESS not in str(e.changes) + e.reason for e in entries)


def test_a_few_failures_are_not_a_lock(admin_client: Client) -> None:
    attempt = locked_pair("worker")
    AccessAttempt.objects.filter(pk=attempt.pk).update(failures_since_start=2)

    assert "worker" not in admin_client.get(reverse("administration:locks")).content.decode()
    url = reverse("administration:clear_lock", args=["address", attempt.pk])
    assert admin_client.post(url).status_code == 404


def test_a_second_factor_reset_needs_a_reason_and_logs_the_person_out(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    worker.totp_secret, worker.totp_confirmed = "JBSWY3DPEHPK3PXP", True
    worker.save()
    theirs = Client()
    theirs.force_login(worker)
    url = reverse("administration:second_factor", args=[worker.pk])

    assert admin_client.post(url, {"reason": "  "}).status_code == 400
    assert User.objects.get(pk=worker.pk).totp_confirmed
    response = admin_client.post(url, {"reason": "Phone lost on the ferry"})

    assert response.status_code == 200
    assert "/login/enrol/" in response.content.decode()
    worker = User.objects.get(pk=worker.pk)
    assert worker.totp_secret != "JBSWY3DPEHPK3PXP"
    assert not worker.totp_confirmed
    assert theirs.get(reverse("home")).status_code == 302
    entry = AuditEntry.objects.get(action="second_factor_reset")
    assert "ferry" not in str(entry.changes) + entry.reason
    assert ActionReason.objects.get(pk=entry.changes["reason_id"]).text == "Phone lost on the ferry"
    assert entry.changes["sessions_ended"] == 1


def test_every_token_is_listed_and_one_is_revoked_with_a_reason(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    owner = make_user("integrator", "welfare", Role.CASE_WORKER)
    token, secret = ApiToken.issue(owner, "shelter system", 30)

    listing = admin_client.get(reverse("administration:tokens")).content.decode()
    assert "integrator" in listing
    assert "shelter system" in listing
    assert secret not in listing
    url = reverse("administration:revoke_token", args=[token.pk])
    assert admin_client.post(url, {"reason": ""}).status_code == 400
    assert ApiToken.holder_of(secret) == owner
    admin_client.post(url, {"reason": "Contract ended"})

    assert ApiToken.holder_of(secret) is None
    entry = AuditEntry.objects.get(action="token_revoked")
    assert entry.object_ref == str(token.pk)
    assert entry.changes["owner"] == "integrator"
    again = admin_client.post(url, {"reason": "twice"})
    assert again.status_code == 400
    assert AuditEntry.objects.filter(action="token_revoked").count() == 1
