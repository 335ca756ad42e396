"""Moving a case from its file: allowed moves recorded; refused ones explained, stage unchanged."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.registry.models import Stage, StageTransition, VictimCase


def move(client: Client, case: VictimCase, stage: str, **fields: Any) -> Any:
    data = {"to_stage": stage, **{f"move-{stage}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("registry:case_move", args=[case.reference]), data)


def test_an_allowed_move_is_recorded_with_its_reason(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = move(client, welfare_case, Stage.SCREENING, reason="Met at the shelter.")

    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{welfare_case.reference}/#stages")
    welfare_case.refresh_from_db()
    assert welfare_case.stage == Stage.SCREENING
    transition = StageTransition.objects.get(case=welfare_case)
    assert (transition.by, transition.reason) == (owner, "Met at the shelter.")
    timeline = client.get(response["Location"]).content.decode()
    assert "Met at the shelter." in timeline


def test_a_presumed_victim_gets_the_reflection_period_given(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    welfare_case.stage = Stage.SCREENING
    welfare_case.save()
    client.force_login(owner)

    move(
        client,
        welfare_case,
        Stage.PRESUMED_VICTIM,
        reason="Indicators present.",
        reflection_period_start="2026-03-01",
        reflection_period_end="2026-04-15",
    )

    welfare_case.refresh_from_db()
    assert welfare_case.stage == Stage.PRESUMED_VICTIM
    assert welfare_case.reflection_period_end == datetime.date(2026, 4, 15)


def test_formal_identification_records_the_authority_and_decision(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    welfare_case.stage = Stage.PRESUMED_VICTIM
    welfare_case.save()
    client.force_login(owner)

    move(
        client,
        welfare_case,
        Stage.IDENTIFIED,
        reason="Decision received.",
        competent_authority=agency("police").pk,
        decision="Identified as a victim of labour trafficking.",
        identified_on="2026-02-01",
    )

    welfare_case.refresh_from_db()
    assert welfare_case.stage == Stage.IDENTIFIED
    assert welfare_case.competent_authority == agency("police")
    assert welfare_case.identified_on == datetime.date(2026, 2, 1)


def test_identification_without_an_authority_is_refused(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    welfare_case.stage = Stage.PRESUMED_VICTIM
    welfare_case.save()
    client.force_login(owner)

    response = move(client, welfare_case, Stage.IDENTIFIED, reason="Decision received.")

    assert response.status_code == 400
    assert response.context["move_forms"][0][2].errors["competent_authority"]
    assert VictimCase.objects.get(pk=welfare_case.pk).stage == Stage.PRESUMED_VICTIM


def test_a_move_the_mechanism_forbids_shows_the_models_reason(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = move(client, welfare_case, Stage.ASSISTANCE, reason="Skip ahead.")

    assert response.status_code == 400
    assert "cannot move to" in response.context["move_error"]
    assert "cannot move to" in response.content.decode()
    assert VictimCase.objects.get(pk=welfare_case.pk).stage == Stage.REFERRED
    assert not StageTransition.objects.exists()


def test_a_reversed_reflection_period_is_refused_and_leaves_the_case_alone(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    welfare_case.stage = Stage.SCREENING
    welfare_case.save()
    client.force_login(owner)

    response = move(
        client,
        welfare_case,
        Stage.PRESUMED_VICTIM,
        reason="Indicators present.",
        reflection_period_start="2026-03-01",
        reflection_period_end="2026-02-01",
    )

    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    welfare_case.refresh_from_db()
    assert welfare_case.stage == Stage.SCREENING
    assert welfare_case.reflection_period_start is None


@pytest.mark.parametrize("stage", ["", "nowhere"])
def test_an_unknown_stage_is_refused(
    client: Client, welfare_case: VictimCase, owner: User, stage: str
) -> None:
    client.force_login(owner)

    response = move(client, welfare_case, stage, reason="?")

    assert response.status_code == 400
    assert VictimCase.objects.get(pk=welfare_case.pk).stage == Stage.REFERRED


def test_a_move_needs_a_reason(client: Client, welfare_case: VictimCase, owner: User) -> None:
    client.force_login(owner)

    response = move(client, welfare_case, Stage.SCREENING, reason="")

    assert response.status_code == 400
    assert VictimCase.objects.get(pk=welfare_case.pk).stage == Stage.REFERRED


@pytest.mark.parametrize(("who", "status"), [("colleague", 302), ("outsider", 404)])
def test_colleagues_move_cases_and_outsiders_cannot_find_them(
    client: Client, welfare_case: VictimCase, request: pytest.FixtureRequest, who: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(who))

    response = move(client, welfare_case, Stage.SCREENING, reason="Met at the shelter.")

    assert response.status_code == status
    expected = Stage.SCREENING if status == 302 else Stage.REFERRED
    assert VictimCase.objects.get(pk=welfare_case.pk).stage == expected
