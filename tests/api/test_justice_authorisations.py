"""Judicial authorisations through the API: investigators request, judicial officers of that court
decide (a grant runs until an expiry in the future); each court lists only what it was asked."""

import datetime

from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.justice import refusals
from palermo.justice.models import CriminalCase, JudicialAuthorisation
from tests.api.program import get, post, problems
from tests.cast import Justice

LIST = reverse("api:authorisations")


def request_url(case: CriminalCase) -> str:
    return reverse("api:authorisation_request", args=[case.reference])


def decide_url(authorisation: JudicialAuthorisation) -> str:
    return reverse("api:authorisation_decide", args=[authorisation.pk])


def requested(
    justice: Justice, court_of: str = "judge", case: CriminalCase | None = None
) -> JudicialAuthorisation:
    court = getattr(justice, court_of).agency
    return JudicialAuthorisation.request(
        case or justice.open_case(), justice.investigator, "search", court, "Unit 4B"
    )


def in_days(days: int) -> str:
    return (timezone.now() + datetime.timedelta(days=days)).isoformat()


def test_an_investigator_requests_a_measure_from_a_court_by_its_code(justice: Justice) -> None:
    case = justice.open_case()

    response = post(
        justice.colleague,
        request_url(case),
        kind="interception",
        court="court",
        scope="Two synthetic phone numbers.",
    )

    assert response.status_code == 201, response.content
    authorisation = JudicialAuthorisation.objects.get(case=case)
    assert (authorisation.kind, authorisation.court_id, authorisation.status) == (
        "interception",
        justice.judge.agency_id,
        "requested",
    )
    assert authorisation.scope == "Two synthetic phone numbers."
    body = response.json()
    assert (body["court"], body["requested_by"], body["in_force"]) == ("court", "ivo", False)
    assert "phone" not in response.content.decode()
    entry = AuditEntry.objects.get(action="authorisation_requested")
    assert entry.changes == {"kind": "interception", "court": "court"}


def test_a_request_goes_to_a_court_with_a_scope(justice: Justice) -> None:
    case = justice.open_case()

    found = problems(
        post(justice.investigator, request_url(case), kind="raid", court="prosecution", scope="  ")
    )

    assert ("body", "kind") in found
    assert ("body", "court") in found
    assert ("body", "scope") in found
    assert not JudicialAuthorisation.objects.exists()


def test_only_the_owning_investigators_request(justice: Justice) -> None:
    case = justice.case_with_prosecution()
    body = {"kind": "search", "court": "court", "scope": "Unit 4B"}

    refused = post(justice.prosecutor, request_url(case), **body)
    hidden = post(justice.outsider, request_url(case), **body)

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.REQUEST_AUTHORISATION)
    assert hidden.status_code == 404
    assert not JudicialAuthorisation.objects.exists()


def test_a_judicial_officer_of_that_court_grants_it_until_an_expiry(justice: Justice) -> None:
    authorisation = requested(justice)
    until = timezone.now() + datetime.timedelta(days=7)

    response = post(
        justice.fellow_judge,
        decide_url(authorisation),
        decision="grant",
        expires_at=until.isoformat(),
    )

    assert response.status_code == 200, response.content
    authorisation.refresh_from_db()
    assert (authorisation.status, authorisation.judicial_officer) == (
        "granted",
        justice.fellow_judge,
    )
    assert authorisation.expires_at == until
    assert response.json()["in_force"] is True
    assert response.json()["judicial_officer"] == "jonas"
    assert AuditEntry.objects.filter(action="authorisation_granted").exists()


def test_a_grant_needs_an_expiry_in_the_future_and_is_decided_once(justice: Justice) -> None:
    authorisation = requested(justice)
    decide = decide_url(authorisation)

    no_expiry = post(justice.judge, decide, decision="grant")
    past = post(justice.judge, decide, decision="grant", expires_at=in_days(-1))
    unknown = post(justice.judge, decide, decision="maybe")
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"

    refused = post(justice.judge, decide, decision="refuse")
    again = post(justice.judge, decide, decision="grant", expires_at=in_days(3))

    assert ("body", "expires_at") in problems(no_expiry)
    assert "in the future" in problems(past)[("body",)]
    assert ("body", "decision") in problems(unknown)
    assert refused.status_code == 200
    assert refused.json()["status"] == "refused"
    assert again.status_code == 409  # decided already: a conflict with the record's state
    assert "already decided" in again.json()["detail"][0]["msg"]


def test_the_investigators_and_other_courts_do_not_decide(justice: Justice) -> None:
    authorisation = requested(justice)
    body = {"decision": "grant", "expires_at": in_days(3)}

    refused = post(justice.investigator, decide_url(authorisation), **body)
    hidden = post(justice.other_judge, decide_url(authorisation), **body)

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.DECIDE_AUTHORISATION)
    assert hidden.status_code == 404
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"


def test_each_court_lists_only_the_requests_made_to_it(justice: Justice) -> None:
    case = justice.open_case()
    ours = requested(justice, "judge", case)
    theirs = requested(justice, "other_judge", case)

    def ids(user: User) -> list[int]:
        return [row["id"] for row in get(user, LIST).json()["results"]]

    assert ids(justice.fellow_judge) == [ours.pk]
    assert ids(justice.other_judge) == [theirs.pk]
    assert ids(justice.colleague) == [theirs.pk, ours.pk]
    assert ids(justice.outsider) == []
    row = get(justice.judge, LIST).json()["results"][0]
    assert row["case"] == case.reference
    assert "scope" not in row


def test_the_list_filters_by_status_and_by_expiry(justice: Justice) -> None:
    open_request = requested(justice)
    soon, later = requested(justice), requested(justice)
    soon.decide(True, justice.judge, timezone.now() + datetime.timedelta(days=3))
    later.decide(True, justice.judge, timezone.now() + datetime.timedelta(days=30))

    def ids(**query: object) -> list[int]:
        response = get(justice.investigator, LIST, **query)
        return [row["id"] for row in response.json()["results"]]

    assert ids(status="requested") == [open_request.pk]
    assert sorted(ids(status="granted")) == sorted([soon.pk, later.pk])
    assert ids(expiring_within_days=7) == [soon.pk]
    assert ids(status="requested", expiring_within_days=7) == []
    assert ("query", "status") in problems(get(justice.investigator, LIST, status="pending"))
