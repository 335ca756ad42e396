"""Programs call the API with a bearer token; browsers with their session and the CSRF token.
A token acts for one person with exactly their access, and stops working when it should."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from palermo.accounts.models import Agency, User
from palermo.api.models import ApiToken, digest_of
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.registry.models import VictimCase


def case_url(case: VictimCase) -> str:
    return reverse("api:victim_case", args=[case.reference])


def test_a_token_reads_what_its_holder_may_read(
    program: Client, case: VictimCase, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = program.get(case_url(case), headers=bearer(worker))

    assert response.status_code == 200
    assert response.json()["reference"] == case.reference
    fold_pending_reads()  # reads reach the chain at the next fold
    read = AuditEntry.objects.filter(action="read", object_ref=case.reference).get()
    assert read.actor == worker.username


def test_a_token_of_another_agency_gets_404(
    program: Client,
    case: VictimCase,
    make_user: Callable[..., User],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    outsider = make_user("outsider", "shelter-ngo", "case_worker")

    assert program.get(case_url(case), headers=bearer(outsider)).status_code == 404


def test_only_the_digest_is_stored(worker: User) -> None:
    issued, token = ApiToken.issue(worker, "script", days=1)

    assert token.startswith("plm_")
    assert issued.digest == digest_of(token)
    assert token not in {issued.digest, issued.hint, issued.name}
    assert AuditEntry.objects.filter(action="api_token_issued").exists()


@pytest.mark.parametrize(
    "spoil",
    ["expired", "revoked", "locked out", "inactive", "unknown"],
)
def test_a_token_stops_working(program: Client, case: VictimCase, worker: User, spoil: str) -> None:
    issued, token = ApiToken.issue(worker, "script", days=1)
    if spoil == "expired":
        issued.expires_at = timezone.now() - datetime.timedelta(seconds=1)
        issued.save()
    elif spoil == "revoked":
        issued.revoke(worker)
    elif spoil == "locked out":
        worker.locked_until = timezone.now() + datetime.timedelta(minutes=5)
        worker.save()
    elif spoil == "inactive":
        worker.is_active = False
        worker.save()
    else:
        token += "x"

    response = program.get(case_url(case), headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


def test_use_is_noted(program: Client, case: VictimCase, worker: User) -> None:
    issued, token = ApiToken.issue(worker, "script", days=1)

    program.get(case_url(case), headers={"Authorization": f"Bearer {token}"})

    issued.refresh_from_db()
    assert issued.last_used_at is not None


def test_a_browser_session_must_send_the_csrf_token_to_change_anything(
    case: VictimCase, worker: User, agency: Callable[[str], Agency]
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(worker)
    url = reverse("api:service_add", args=[case.reference])
    body = {"kind": "shelter", "provider": "shelter-ngo"}

    refused = browser.post(url, body, content_type="application/json")
    browser.get(reverse("home"))  # the page sets the CSRF cookie, as a real page load would
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": token}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201


def test_a_token_needs_no_csrf_token(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    response = program.post(
        reverse("api:service_add", args=[case.reference]),
        {"kind": "shelter", "provider": "shelter-ngo"},
        content_type="application/json",
        headers=bearer(worker),
    )

    assert response.status_code == 201


def test_a_token_speaks_its_holders_language_unless_asked_for_another(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    worker.language = "pt"
    worker.save()
    url = reverse("api:service_add", args=[case.reference])
    body = {
        "kind": "shelter",
        "provider": "shelter-ngo",
        "started_on": "2026-02-01",
        "ended_on": "2026-01-01",
    }
    english = "A service cannot end before it started."
    with translation.override("pt"):
        portuguese = translation.gettext(english)
    assert portuguese != english

    default = program.post(url, body, content_type="application/json", headers=bearer(worker))
    asked = program.post(
        url,
        body,
        content_type="application/json",
        headers=bearer(worker) | {"Accept-Language": "en"},
    )

    assert default.json()["detail"][0]["msg"] == portuguese
    assert asked.json()["detail"][0]["msg"] == english


def test_the_audit_trail_shows_a_read_made_a_moment_ago(
    program: Client,
    case: VictimCase,
    worker: User,
    make_user: Callable[..., User],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    auditor = make_user("api-auditor", "secretariat", "auditor")
    program.get(case_url(case), headers=bearer(worker))

    trail = program.get(reverse("api:audit_trail"), headers=bearer(auditor)).json()["entries"]

    assert [e["object_ref"] for e in trail if e["action"] == "read"] == [case.reference]
