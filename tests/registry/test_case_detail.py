"""The case file: shown to the owning agency (audited), hidden from everyone else."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.justice.models import CriminalCase, VictimLink
from palermo.registry.models import BreakGlassGrant, Person, Stage, VictimCase
from tests.registry.conftest import NAME, PASSPORT


def detail_url(case: VictimCase) -> str:
    return reverse("registry:case_detail", args=[case.reference])


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("colleague", 200), ("outsider", 404)])
def test_the_case_file_is_seen_by_its_agency_only(
    client: Client, welfare_case: VictimCase, request: pytest.FixtureRequest, who: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(who))

    response = client.get(detail_url(welfare_case))

    assert response.status_code == status
    fold_pending_reads()  # reads reach the chain at the next fold
    reads = AuditEntry.objects.filter(action="read", object_ref=welfare_case.reference)
    assert reads.count() == (1 if status == 200 else 0)


def test_the_case_file_shows_identifying_details_but_never_in_the_title(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    page = client.get(detail_url(welfare_case)).content.decode()

    assert f"{NAME[0]} {NAME[1]}" in page
    assert PASSPORT in page
    title = page.split("<title>")[1].split("</title>")[0]
    assert NAME[1] not in title
    assert welfare_case.reference in title


def test_only_the_allowed_next_stages_are_offered(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    page = client.get(detail_url(welfare_case)).content.decode()

    assert 'name="to_stage" value="screening"' in page
    assert 'name="to_stage" value="closed"' in page
    assert 'name="to_stage" value="assistance"' not in page


def test_a_presumed_victim_case_offers_identification_with_its_fields(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    welfare_case.stage = Stage.PRESUMED_VICTIM
    welfare_case.save()
    client.force_login(owner)

    page = client.get(detail_url(welfare_case)).content.decode()

    assert 'name="move-identified-competent_authority"' in page
    assert 'name="move-identified-decision"' in page


def test_a_screener_who_opened_the_case_reads_it_without_action_forms(
    client: Client, make_user: Callable[..., User], owner: User
) -> None:
    screener = make_user("screener", "welfare", "screener")
    person = Person.objects.create(given_name="Lan", recorded_by_agency=owner.agency)
    case = VictimCase.objects.create(person=person, owning_agency=owner.agency, opened_by=screener)
    client.force_login(screener)

    response = client.get(detail_url(case))

    assert response.status_code == 200
    assert b"to_stage" not in response.content
    move = client.post(
        reverse("registry:case_move", args=[case.reference]),
        {"to_stage": "screening", "move-screening-reason": "Seen."},
    )
    assert move.status_code == 403
    assert VictimCase.objects.get(pk=case.pk).stage == Stage.REFERRED


def test_linked_criminal_cases_show_reference_and_capacity_only(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    criminal = CriminalCase.objects.create(owning_agency=agency("police"), summary="Secret plan")
    VictimLink.objects.create(criminal_case=criminal, victim_case=welfare_case, capacity="witness")
    client.force_login(owner)

    page = client.get(detail_url(welfare_case)).content.decode()

    assert criminal.reference in page
    assert "witness" in page
    assert "Secret plan" not in page


def test_an_emergency_grant_is_announced_on_the_case_file(
    client: Client, welfare_case: VictimCase, outsider: User
) -> None:
    BreakGlassGrant.objects.create(
        case=welfare_case,
        user=outsider,
        reason="Person in danger tonight.",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    client.force_login(outsider)

    response = client.get(detail_url(welfare_case))

    assert response.status_code == 200
    assert b"emergency access grant until" in response.content
