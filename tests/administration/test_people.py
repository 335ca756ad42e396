"""Administrators create staff accounts, change their roles, deactivate and reactivate them."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import Role
from palermo.audit.models import AuditEntry

STRONG = "correct-horse-battery-42"


def test_the_list_filters_by_username_agency_role_and_status(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    make_user("alice.worker", "welfare", Role.CASE_WORKER)
    gone = make_user("bob.police", "police", Role.INVESTIGATOR)
    gone.is_active = False
    gone.save()
    url = reverse("administration:people")

    def names(**query: str) -> str:
        return admin_client.get(url, query).content.decode()

    assert "alice.worker" in names(q="alice")
    assert "bob.police" not in names(q="alice")
    police = str(Agency.objects.get(code="police").pk)
    assert "bob.police" in names(agency=police)
    assert "alice.worker" not in names(agency=police)
    assert "alice.worker" in names(role="case_worker")
    assert "bob.police" not in names(role="case_worker")
    assert "bob.police" in names(active="no")
    assert "alice.worker" not in names(active="no")


def test_a_new_staff_member_gets_a_one_time_link_shown_once(admin_client: Client) -> None:
    welfare = Agency.objects.get(code="welfare")
    response = admin_client.post(
        reverse("administration:new_person"),
        {
            "username": "new.worker",
            "password": STRONG,
            "agency": welfare.pk,
            "roles": ["case_worker", "screener"],
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "/login/enrol/" in page
    user = User.objects.get(username="new.worker")
    assert user.agency == welfare
    assert user.check_password(STRONG)
    assert user.role_set() == {"case_worker", "screener"}
    assert user.enrolment_digest
    assert not user.totp_confirmed
    entry = AuditEntry.objects.get(action="user_created")
    assert entry.object_ref == "new.worker"
    assert entry.changes["roles"] == [
        "case_worker",
        "screener",
    ]
    assert STRONG not in str(entry.changes)
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_taken_username_or_weak_password_is_refused_and_nothing_stored(
    admin_client: Client, admin_user: User
) -> None:
    agency = Agency.objects.get(code="welfare").pk
    url = reverse("administration:new_person")
    taken = admin_client.post(
        url, {"username": "CHIEF", "password": STRONG, "agency": agency, "roles": ["analyst"]}
    )
    weak = admin_client.post(
        url, {"username": "someone", "password": "123", "agency": agency, "roles": ["analyst"]}
    )

    assert taken.status_code == weak.status_code == 400
    assert "Someone already has that username." in taken.content.decode()
    assert not User.objects.filter(username="someone").exists()
    assert not AuditEntry.objects.filter(action="user_created").exists()


def test_roles_and_agency_change_and_are_audited(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    police = Agency.objects.get(code="police")
    response = admin_client.post(
        reverse("administration:person", args=[worker.pk]),
        {"agency": police.pk, "roles": ["investigator"]},
    )

    assert response.status_code == 302
    worker = User.objects.get(pk=worker.pk)
    assert worker.agency == police
    assert worker.role_set() == {"investigator"}
    entry = AuditEntry.objects.get(action="roles_changed")
    assert entry.changes == {
        "roles_before": ["case_worker"],
        "roles_after": ["investigator"],
        "agency_before": "welfare",
        "agency_after": "police",
    }


def test_an_administrator_cannot_drop_their_own_administrator_role(
    admin_client: Client, admin_user: User
) -> None:
    response = admin_client.post(
        reverse("administration:person", args=[admin_user.pk]),
        {"agency": admin_user.agency.pk, "roles": ["analyst"]},
    )

    assert response.status_code == 400
    assert "your own administrator role" in response.content.decode()
    assert User.objects.get(pk=admin_user.pk).role_set() == {"administrator"}
    assert not AuditEntry.objects.filter(action="roles_changed").exists()


def test_deactivation_ends_sessions_and_reactivation_restores(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    theirs = Client()
    theirs.force_login(worker)
    assert theirs.get(reverse("home")).status_code == 200
    url = reverse("administration:activation", args=[worker.pk])

    admin_client.post(url, {"active": "no"})

    assert not User.objects.get(pk=worker.pk).is_active
    assert theirs.get(reverse("home")).status_code == 302  # logged out
    admin_client.post(url, {"active": "yes"})
    assert User.objects.get(pk=worker.pk).is_active
    actions = list(AuditEntry.objects.filter(object_ref="worker").values_list("action", flat=True))
    assert actions[-2:] == ["user_deactivated", "user_reactivated"]


def test_an_administrator_cannot_deactivate_themselves(
    admin_client: Client, admin_user: User
) -> None:
    admin_client.post(reverse("administration:activation", args=[admin_user.pk]), {"active": "no"})

    assert User.objects.get(pk=admin_user.pk).is_active
    assert not AuditEntry.objects.filter(action="user_deactivated").exists()
