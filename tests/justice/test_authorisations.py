"""Judicial authorisations: investigators request, judicial officers of that court decide;
a grant runs until an expiry in the future."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.audit.models import AuditEntry
from palermo.justice.models import CriminalCase, JudicialAuthorisation, VictimLink
from palermo.registry.models import Person, VictimCase
from tests.cast import Justice


def request_url(case: CriminalCase) -> str:
    return reverse("justice:authorisation_request", args=[case.reference])


def decide_url(authorisation: JudicialAuthorisation) -> str:
    return reverse("justice:authorisation_decide", args=[authorisation.pk])


def requested(justice: Justice) -> JudicialAuthorisation:
    case = justice.open_case()
    court = justice.judge.agency
    assert court is not None
    return JudicialAuthorisation.request(case, justice.investigator, "search", court, "Unit 4B")


def a_victim_case(justice: Justice) -> VictimCase:
    agency = justice.investigator.agency
    person = Person.objects.create(given_name="Noor", recorded_by_agency=agency)
    return VictimCase.objects.create(person=person, owning_agency=agency)


def in_days(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_an_investigator_requests_a_measure_from_a_court(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.colleague)

    response = client.post(
        request_url(case),
        {
            "authorisation-kind": "interception",
            "authorisation-court": justice.judge.agency_id,
            "authorisation-scope": "Two synthetic phone numbers.",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#authorisations")
    authorisation = JudicialAuthorisation.objects.get(case=case)
    assert (authorisation.kind, authorisation.court_id, authorisation.status) == (
        "interception",
        justice.judge.agency_id,
        "requested",
    )
    assert authorisation.requested_by == justice.colleague
    assert authorisation.scope == "Two synthetic phone numbers."
    entry = AuditEntry.objects.get(action="authorisation_requested")
    assert "phone" not in str(entry.changes)


def test_only_a_court_can_be_asked(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    response = client.post(
        request_url(case),
        {
            "authorisation-kind": "search",
            "authorisation-court": justice.prosecutor.agency_id,
            "authorisation-scope": "x",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not JudicialAuthorisation.objects.exists()


def test_a_prosecutor_cannot_request_a_measure(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    client.force_login(justice.prosecutor)

    response = client.post(
        request_url(case),
        {
            "authorisation-kind": "search",
            "authorisation-court": justice.judge.agency_id,
            "authorisation-scope": "x",
        },
    )

    assert response.status_code == 403
    assert not JudicialAuthorisation.objects.exists()


def test_the_court_grants_with_an_expiry(justice: Justice, client: Client) -> None:
    authorisation = requested(justice)
    prefix = f"decide-{authorisation.pk}"
    client.force_login(justice.fellow_judge)

    response = client.post(
        decide_url(authorisation),
        {f"{prefix}-decision": "grant", f"{prefix}-expires_at": in_days(7)},
    )

    assert response.status_code == 302
    authorisation.refresh_from_db()
    assert authorisation.status == "granted"
    assert authorisation.judicial_officer == justice.fellow_judge
    assert authorisation.is_in_force()
    page = client.get(reverse("justice:case_detail", args=[authorisation.case.reference]))
    assert "In force until" in page.content.decode()


def test_the_expiry_must_lie_in_the_future(justice: Justice, client: Client) -> None:
    authorisation = requested(justice)
    prefix = f"decide-{authorisation.pk}"
    client.force_login(justice.judge)

    response = client.post(
        decide_url(authorisation),
        {f"{prefix}-decision": "grant", f"{prefix}-expires_at": in_days(-1)},
    )

    assert response.status_code == 200
    assert "A granted authorisation needs an expiry in the future." in response.content.decode()
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"


def test_a_grant_without_an_expiry_is_refused(justice: Justice, client: Client) -> None:
    authorisation = requested(justice)
    client.force_login(justice.judge)

    response = client.post(
        decide_url(authorisation), {f"decide-{authorisation.pk}-decision": "grant"}
    )

    assert response.status_code == 200
    assert "needs an expiry date and time" in response.content.decode()
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"


def test_the_court_refuses(justice: Justice, client: Client) -> None:
    authorisation = requested(justice)
    client.force_login(justice.judge)

    response = client.post(
        decide_url(authorisation), {f"decide-{authorisation.pk}-decision": "refuse"}
    )

    assert response.status_code == 302
    authorisation.refresh_from_db()
    assert (authorisation.status, authorisation.expires_at) == ("refused", None)


def test_a_decision_is_taken_once(justice: Justice, client: Client) -> None:
    authorisation = requested(justice)
    authorisation.decide(False, justice.judge, None)
    client.force_login(justice.judge)

    response = client.post(
        decide_url(authorisation),
        {
            f"decide-{authorisation.pk}-decision": "grant",
            f"decide-{authorisation.pk}-expires_at": in_days(3),
        },
    )

    assert response.status_code == 409  # decided meanwhile: a conflict
    assert "This authorisation was already decided." in response.content.decode()
    authorisation.refresh_from_db()
    assert authorisation.status == "refused"


def test_a_prosecutor_cannot_decide_an_authorisation(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    court = justice.judge.agency
    assert court is not None
    authorisation = JudicialAuthorisation.request(case, justice.investigator, "search", court, "x")
    client.force_login(justice.prosecutor)

    response = client.post(
        decide_url(authorisation), {f"decide-{authorisation.pk}-decision": "refuse"}
    )

    assert response.status_code == 403
    assert "Only judicial officers of the court" in response.content.decode()
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"


def test_a_judge_of_another_court_gets_404(justice: Justice, client: Client) -> None:
    authorisation = requested(justice)
    client.force_login(justice.other_judge)

    response = client.post(
        decide_url(authorisation), {f"decide-{authorisation.pk}-decision": "refuse"}
    )

    assert response.status_code == 404
    authorisation.refresh_from_db()
    assert authorisation.status == "requested"


def test_the_investigators_see_the_request_but_no_decision_form(
    justice: Justice, client: Client
) -> None:
    authorisation = requested(justice)
    client.force_login(justice.investigator)

    page = client.get(reverse("justice:case_detail", args=[authorisation.case.reference]))

    assert "Unit 4B" in page.content.decode()
    assert decide_url(authorisation) not in page.content.decode()
    client.force_login(justice.judge)
    page = client.get(reverse("justice:case_detail", args=[authorisation.case.reference]))
    assert decide_url(authorisation) in page.content.decode()


def test_a_court_asked_only_for_a_measure_does_not_see_the_victims(
    justice: Justice, client: Client
) -> None:
    authorisation = requested(justice)
    victim = a_victim_case(justice)
    VictimLink.link(authorisation.case, victim.reference, "witness", justice.investigator)
    case_page = reverse("justice:case_detail", args=[authorisation.case.reference])

    client.force_login(justice.judge)
    judge_sees = client.get(case_page).content.decode()
    client.force_login(justice.investigator)
    investigator_sees = client.get(case_page).content.decode()

    assert "Unit 4B" in judge_sees
    assert decide_url(authorisation) in judge_sees
    assert victim.reference not in judge_sees
    assert 'id="victims"' not in judge_sees
    assert 'id="charges"' not in judge_sees
    assert victim.reference in investigator_sees


def test_the_trial_court_sees_the_victims(justice: Justice, client: Client) -> None:
    case = justice.case_at_trial()
    victim = a_victim_case(justice)
    VictimLink.objects.create(criminal_case=case, victim_case=victim, capacity="witness")
    client.force_login(justice.judge)

    page = client.get(reverse("justice:case_detail", args=[case.reference])).content.decode()

    assert victim.reference in page
