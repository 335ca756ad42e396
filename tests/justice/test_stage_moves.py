"""Moving a criminal case: only to the stages that may follow, by whoever holds it at that stage,
with who, when and why on the timeline."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.audit.models import AuditEntry
from palermo.justice.models import CriminalCase, CriminalTransition
from tests.cast import Justice


def move(case: CriminalCase) -> str:
    return reverse("justice:case_move", args=[case.reference])


def offered_stages(client: Client, case: CriminalCase) -> list[str]:
    form = client.get(reverse("justice:case_detail", args=[case.reference])).context["move_form"]
    return [value for value, _label in form.fields["stage"].choices]


def test_the_form_offers_only_the_stages_that_may_follow(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    assert offered_stages(client, case) == ["prosecution", "closed"]


def test_sending_to_prosecution_names_the_office(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.colleague)
    before = timezone.now()

    response = client.post(
        move(case),
        {
            "move-stage": "prosecution",
            "move-prosecution": justice.prosecutor.agency_id,
            "move-reason": "Evidence gathered.",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#timeline")
    case.refresh_from_db()
    assert (case.stage, case.prosecution_agency_id) == ("prosecution", justice.prosecutor.agency_id)
    last = CriminalTransition.objects.filter(case=case).last()
    assert last is not None
    assert (last.from_stage, last.to_stage, last.by, last.reason) == (
        "investigation",
        "prosecution",
        justice.colleague,
        "Evidence gathered.",
    )
    assert last.at >= before
    entry = AuditEntry.objects.filter(action="transition", object_ref=case.reference).last()
    assert entry is not None
    assert entry.reason == ""  # the reason stays encrypted on the transition
    assert entry.changes["reason_of"] == last.audit_ref


def test_the_model_refusal_is_shown_when_the_office_is_missing(
    justice: Justice, client: Client
) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    response = client.post(move(case), {"move-stage": "prosecution", "move-reason": "Ready."})

    assert response.status_code == 200
    assert "Name the prosecution office the case is sent to." in response.content.decode()
    case.refresh_from_db()
    assert (case.stage, case.prosecution_agency_id) == ("investigation", None)


def test_a_stage_that_may_not_follow_is_refused(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    response = client.post(move(case), {"move-stage": "decided", "move-reason": "Skip ahead."})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == "investigation"


def test_the_prosecutor_submits_the_case_to_a_court(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    client.force_login(justice.prosecutor)
    assert offered_stages(client, case) == ["trial", "closed"]

    response = client.post(
        move(case),
        {"move-stage": "trial", "move-court": justice.judge.agency_id, "move-reason": "Indicted."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.stage, case.court_agency_id) == ("trial", justice.judge.agency_id)


def test_only_a_court_can_be_chosen_for_trial(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    client.force_login(justice.prosecutor)

    response = client.post(
        move(case),
        {"move-stage": "trial", "move-court": justice.investigator.agency_id, "move-reason": "x"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_investigators_cannot_move_a_case_the_court_holds(
    justice: Justice, client: Client
) -> None:
    case = justice.case_at_trial()
    case.move_to("decided", justice.judge, "Judgment delivered.")
    client.force_login(justice.investigator)

    response = client.post(move(case), {"move-stage": "closed", "move-reason": "Done."})

    assert response.status_code == 403
    assert "You can read this case but not move it" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == "decided"


def test_a_prosecutor_cannot_move_a_case_before_the_court(justice: Justice, client: Client) -> None:
    case = justice.case_at_trial()
    client.force_login(justice.prosecutor)

    response = client.post(move(case), {"move-stage": "decided", "move-reason": "Done."})

    assert response.status_code == 403
    case.refresh_from_db()
    assert case.stage == "trial"


def test_the_court_records_the_judgment_stage(justice: Justice, client: Client) -> None:
    case = justice.case_at_trial()
    client.force_login(justice.judge)

    response = client.post(move(case), {"move-stage": "decided", "move-reason": "Judgment."})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == "decided"


def test_a_prosecutor_of_another_office_gets_404(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    client.force_login(justice.other_prosecutor)

    response = client.post(move(case), {"move-stage": "closed", "move-reason": "x"})

    assert response.status_code == 404


def test_a_move_needs_a_reason(justice: Justice) -> None:
    case = justice.open_case()

    with pytest.raises(ValidationError, match="Say why"):
        case.move_to("closed", justice.investigator, "  ")


def test_the_timeline_lists_every_move_in_order(justice: Justice, client: Client) -> None:
    case = justice.case_at_trial()
    client.force_login(justice.judge)

    page = client.get(reverse("justice:case_detail", args=[case.reference])).content.decode()

    reasons = ["Report from the hotline.", "Evidence gathered.", "Indictment filed."]
    positions = [page.index(reason) for reason in reasons]
    assert positions == sorted(positions)
    for who in ["ines", "pia"]:
        assert f"by {who}" in page
