"""The criminal case file: who may read it, what it shows, and that reading it is audited."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.justice.models import CriminalCase, CriminalTransition, JudicialAuthorisation
from tests.cast import Justice


def detail(case: CriminalCase) -> str:
    return reverse("justice:case_detail", args=[case.reference])


@pytest.mark.parametrize(
    ("who", "status"), [("investigator", 200), ("colleague", 200), ("outsider", 404)]
)
def test_investigators_of_the_owning_agency_read_the_file(
    justice: Justice, client: Client, who: str, status: int
) -> None:
    case = justice.open_case()
    client.force_login(getattr(justice, who))

    assert client.get(detail(case)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("prosecutor", 200), ("fellow_prosecutor", 200), ("other_prosecutor", 404)]
)
def test_prosecutors_of_the_office_it_was_sent_to_read_the_file(
    justice: Justice, client: Client, who: str, status: int
) -> None:
    case = justice.case_with_prosecution()
    client.force_login(getattr(justice, who))

    assert client.get(detail(case)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("judge", 200), ("fellow_judge", 200), ("other_judge", 404)]
)
def test_judicial_officers_of_the_court_read_the_file(
    justice: Justice, client: Client, who: str, status: int
) -> None:
    case = justice.case_at_trial()
    client.force_login(getattr(justice, who))

    assert client.get(detail(case)).status_code == status


def test_a_prosecutor_does_not_see_a_case_still_with_the_police(
    justice: Justice, client: Client
) -> None:
    case = justice.open_case()
    client.force_login(justice.prosecutor)

    assert client.get(detail(case)).status_code == 404


def test_a_court_asked_for_a_measure_sees_the_case(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    JudicialAuthorisation.request(
        case, justice.investigator, "search", justice.judge.agency, "Flat 3"
    )
    client.force_login(justice.judge)

    assert client.get(detail(case)).status_code == 200
    client.force_login(justice.other_judge)
    assert client.get(detail(case)).status_code == 404


def test_the_file_shows_the_case_and_its_timeline_with_who_when_why(
    justice: Justice, client: Client
) -> None:
    case = justice.open_case(
        summary="Workers held at a synthetic farm.", is_labour_trafficking=True
    )
    client.force_login(justice.colleague)

    response = client.get(detail(case))

    page = response.content.decode()
    assert case.reference in page
    assert "Workers held at a synthetic farm." in page
    assert "labour trafficking" in page
    transition = CriminalTransition.objects.get(case=case)
    assert "Report from the hotline." in page
    assert "ines" in page  # who moved it
    assert f"<title>Criminal case {case.reference} · Palermo</title>" in page
    assert (transition.from_stage, transition.to_stage) == ("reported", "investigation")


def test_reading_the_file_is_audited(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.colleague)

    client.get(detail(case))

    fold_pending_reads()  # reads reach the chain at the next fold
    read = AuditEntry.objects.get(action="read", object_ref=case.reference)
    assert (read.actor, read.object_type) == ("ivo", "criminal_case")


def test_an_outsider_leaves_no_read_in_the_audit_trail(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.outsider)

    client.get(detail(case))

    fold_pending_reads()  # reads reach the chain at the next fold
    assert not AuditEntry.objects.filter(action="read", object_ref=case.reference).exists()


def test_each_role_sees_only_the_forms_it_may_use_now(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    urls = {
        name: reverse(f"justice:{name}", args=[case.reference])
        for name in ["case_move", "suspect_add", "charge_add", "authorisation_request"]
    }
    client.force_login(justice.investigator)  # the case has left the police

    page = client.get(detail(case)).content.decode()

    assert urls["case_move"] not in page
    assert urls["suspect_add"] not in page
    assert urls["authorisation_request"] in page  # measures can still be asked for
    client.force_login(justice.prosecutor)
    page = client.get(detail(case)).content.decode()
    assert urls["case_move"] in page
    assert urls["charge_add"] not in page  # no suspects to charge yet
    assert urls["authorisation_request"] not in page


def test_a_court_asked_for_a_measure_is_told_what_it_sees(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    JudicialAuthorisation.request(
        case, justice.investigator, "search", justice.judge.agency, "Flat 3"
    )
    client.force_login(justice.judge)  # asked for a measure; the case is not before this court

    page = client.get(detail(case)).content.decode()

    assert "Your court was asked for a judicial authorisation in this case." in page
    assert reverse("justice:case_move", args=[case.reference]) not in page


def test_a_judge_sees_only_the_request_made_to_their_court(
    justice: Justice, client: Client
) -> None:
    case = justice.case_at_trial()
    JudicialAuthorisation.request(
        case, justice.investigator, "search", justice.judge.agency, "Flat 3"
    )
    other_court = justice.other_judge.agency
    assert other_court is not None
    JudicialAuthorisation.request(case, justice.investigator, "detention", other_court, "Person A")
    client.force_login(justice.judge)

    page = client.get(detail(case)).content.decode()

    assert "Flat 3" in page
    assert "Person A" not in page


def test_anonymous_visitors_are_sent_to_log_in(justice: Justice, client: Client) -> None:
    case = justice.open_case()

    response = client.get(detail(case))

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
