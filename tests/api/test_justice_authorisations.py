"""Judicial authorisations through the API: investigators request, judicial officers of that court
decide (a grant runs until an expiry in the future); each court lists only what it was asked."""

import datetime

from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.justice import refusals
from palermo.justice.models import CriminalCase, JudicialAuthorisation

from .justice_cast import Cast, cast_fixture, get, post, problems  # noqa: F401 (a fixture)

LIST = reverse("api:authorisations")


def request_url(case: CriminalCase) -> str:
    return reverse("api:authorisation_request", args=[case.reference])


def decide_url(authorisation: JudicialAuthorisation) -> str:
    return reverse("api:authorisation_decide", args=[authorisation.pk])


def requested(
    cast: Cast, court_of: str = "judge", case: CriminalCase | None = None
) -> JudicialAuthorisation:
    court = getattr(cast, court_of).agency
    return JudicialAuthorisation.request(
        case or cast.open_case(), cast.investigator, "search", court, "Unit 4B"
    )


def in_days(days: int) -> str:
    return (timezone.now() + datetime.timedelta(days=days)).isoformat()


def test_an_investigator_requests_a_measure_from_a_court_by_its_code(cast: Cast) -> None:
    case = cast.open_case()

    response = post(
        cast.colleague,
        request_url(case),
        kind="interception",
        court="court",
        scope="Two synthetic phone numbers.",
    )

    assert response.status_code == 201, response.content
    authorisation = JudicialAuthorisation.objects.get(case=case)
    assert (authorisation.kind, authorisation.court_id, authorisation.status) == (
        "interception",
        cast.judge.agency_id,
        "requested",
    )
    assert authorisation.scope == "Two synthetic phone numbers."
    body = response.json()
    assert (body["court"], body["requested_by"], body["in_force"]) == ("court", "ivo", False)
    assert "phone" not in response.content.decode()
    entry = AuditEntry.objects.get(action="authorisation_requested")
    assert entry.changes == {"kind": "interception", "court": "court"}


def test_a_request_goes_to_a_court_with_a_scope(cast: Cast) -> None:
    case = cast.open_case()

    found = problems(
        post(cast.investigator, request_url(case), kind="raid", court="prosecution", scope="  ")
    )

    assert ("body", "kind") in found
    assert ("body", "court") in found
    assert ("body", "scope") in found
    assert not JudicialAuthorisation.objects.exists()


def test_only_the_owning_investigators_request(cast: Cast) -> None:
    case = cast.case_with_prosecution()
    body = {"kind": "search", "court": "court", "scope": "Unit 4B"}

    refused = post(cast.prosecutor, request_url(case), **body)
    hidden = post(cast.outsider, request_url(case), **body)

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.REQUEST_AUTHORISATION)
    assert hidden.status_code == 404
    assert not JudicialAuthorisation.objects.exists()


def test_a_judicial_officer_of_that_court_grants_it_until_an_expiry(cast: Cast) -> None:
    authorisation = requested(cast)
    until = timezone.now() + datetime.timedelta(days=7)

    response = post(
        cast.fellow_judge, decide_url(authorisation), decision="grant", expires_at=until.isoformat()
    )

    assert response.status_code == 200, response.content
    authorisation.refresh_from_db()
    assert (authorisation.status, authorisation.judicial_officer) == ("granted", cast.fellow_judge)
    assert authorisation.expires_at == until
    assert response.json()["in_force"] is True
    assert response.json()["judicial_officer"] == "jonas"
    assert AuditEntry.objects.filter(action="authorisation_granted").exists()


def test_a_grant_needs_an_expiry_in_the_future_and_is_decided_once(cast: Cast) -> None:
    authorisation = requested(cast)
    decide = decide_url(authorisation)

    no_expiry = post(cast.judge, decide, decision="grant")
    past = post(cast.judge, decide, decision="grant", expires_at=in_days(-1))
    unknown = post(cast.judge, decide, decision="maybe")
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"

    refused = post(cast.judge, decide, decision="refuse")
    again = post(cast.judge, decide, decision="grant", expires_at=in_days(3))

    assert ("body", "expires_at") in problems(no_expiry)
    assert "in the future" in problems(past)[("body",)]
    assert ("body", "decision") in problems(unknown)
    assert refused.status_code == 200
    assert refused.json()["status"] == "refused"
    assert again.status_code == 409  # decided already: a conflict with the record's state
    assert "already decided" in again.json()["detail"][0]["msg"]


def test_the_investigators_and_other_courts_do_not_decide(cast: Cast) -> None:
    authorisation = requested(cast)
    body = {"decision": "grant", "expires_at": in_days(3)}

    refused = post(cast.investigator, decide_url(authorisation), **body)
    hidden = post(cast.other_judge, decide_url(authorisation), **body)

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.DECIDE_AUTHORISATION)
    assert hidden.status_code == 404
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"


def test_each_court_lists_only_the_requests_made_to_it(cast: Cast) -> None:
    case = cast.open_case()
    ours = requested(cast, "judge", case)
    theirs = requested(cast, "other_judge", case)

    def ids(user: User) -> list[int]:
        return [row["id"] for row in get(user, LIST).json()["results"]]

    assert ids(cast.fellow_judge) == [ours.pk]
    assert ids(cast.other_judge) == [theirs.pk]
    assert ids(cast.colleague) == [theirs.pk, ours.pk]
    assert ids(cast.outsider) == []
    row = get(cast.judge, LIST).json()["results"][0]
    assert row["case"] == case.reference
    assert "scope" not in row


def test_the_list_filters_by_status_and_by_expiry(cast: Cast) -> None:
    open_request = requested(cast)
    soon, later = requested(cast), requested(cast)
    soon.decide(True, cast.judge, timezone.now() + datetime.timedelta(days=3))
    later.decide(True, cast.judge, timezone.now() + datetime.timedelta(days=30))

    def ids(**query: object) -> list[int]:
        response = get(cast.investigator, LIST, **query)
        return [row["id"] for row in response.json()["results"]]

    assert ids(status="requested") == [open_request.pk]
    assert sorted(ids(status="granted")) == sorted([soon.pk, later.pk])
    assert ids(expiring_within_days=7) == [soon.pk]
    assert ids(status="requested", expiring_within_days=7) == []
    assert ("query", "status") in problems(get(cast.investigator, LIST, status="pending"))
