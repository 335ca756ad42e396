"""Two people acting on one record at the same moment: one change is made, the other is told
(409, with the record's state now), on the API and on the pages alike. Run on PostgreSQL."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.api.models import ApiToken
from palermo.audit.models import AuditEntry
from palermo.justice.models import CriminalCase, CriminalTransition
from palermo.registry.models import (
    Consent,
    Person,
    Referral,
    Stage,
    StageTransition,
    VictimCase,
)
from palermo.registry.models.referral import ReferralStatus
from tests.concurrency.racing import at_once, on_postgres, statuses

pytestmark = on_postgres

# Enough pairs that, without the row lock, some pair races (the issue saw 67–100 of 100).
ROUNDS = 8


def bearer(user: User) -> dict[str, str]:
    _, token = ApiToken.issue(user, "race", days=1)
    return {"Authorization": f"Bearer {token}"}


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_post(headers: dict[str, str], url: str, **body: Any) -> Callable[[], Any]:
    return lambda: Client().post(url, body, content_type="application/json", headers=headers)


def page_post(client: Client, url: str, **data: Any) -> Callable[[], Any]:
    return lambda: client.post(url, data)


@pytest.fixture
def receivers(make_user: Callable[..., User]) -> tuple[User, User]:
    return (
        make_user("receiver", "shelter-ngo", Role.CASE_WORKER),
        make_user("fellow", "shelter-ngo", Role.CASE_WORKER),
    )


def new_case(worker: User, stage: str = Stage.REFERRED) -> VictimCase:
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(
        person=person, owning_agency=worker.agency, opened_by=worker, stage=stage
    )
    Consent.objects.create(case=case, recorded_by=worker, form="written")
    return case


def new_referral(worker: User, receiver: User) -> Referral:
    return Referral.send(new_case(worker), receiver.agency, "shelter", worker)


def answers_recorded(referral: Referral) -> int:
    actions = ["referral_accepted", "referral_declined"]
    return AuditEntry.objects.filter(action__in=actions, object_ref=referral.case.reference).count()


def test_accept_and_decline_at_once_through_the_api_answer_once(
    worker: User, receivers: tuple[User, User]
) -> None:
    one, other = bearer(receivers[0]), bearer(receivers[1])
    for _ in range(ROUNDS):
        referral = new_referral(worker, receivers[0])
        accept = reverse("api:referral_accept", args=[referral.pk])
        decline = reverse("api:referral_decline", args=[referral.pk])

        responses = at_once(api_post(one, accept), api_post(other, decline, reason="Full."))

        assert statuses(responses) == [200, 409], [r.content for r in responses]
        won = next(r for r in responses if r.status_code == 200).json()["status"]
        lost = next(r for r in responses if r.status_code == 409).json()
        assert lost["current"] == {"status": won}
        assert "this one is" in lost["detail"][0]["msg"]
        referral.refresh_from_db()
        assert referral.status == won
        assert answers_recorded(referral) == 1


def test_accept_and_decline_at_once_on_the_pages_answer_once(
    worker: User, receivers: tuple[User, User]
) -> None:
    one, other = logged_in(receivers[0]), logged_in(receivers[1])
    for _ in range(ROUNDS):
        referral = new_referral(worker, receivers[0])
        accept = reverse("registry:referral_accept", args=[referral.pk])
        decline = reverse("registry:referral_decline", args=[referral.pk])

        responses = at_once(page_post(one, accept), page_post(other, decline, reason="Full."))

        assert statuses(responses) == [302, 409]
        lost = next(r for r in responses if r.status_code == 409)
        assert "not yet answered" in lost.content.decode()
        referral.refresh_from_db()
        assert referral.status in {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}
        assert answers_recorded(referral) == 1


@pytest.mark.parametrize(
    "targets",
    [
        pytest.param((Stage.PRESUMED_VICTIM, Stage.PRESUMED_VICTIM), id="the same move twice"),
        pytest.param((Stage.PRESUMED_VICTIM, Stage.NOT_IDENTIFIED), id="two different moves"),
    ],
)
def test_two_moves_of_a_victim_case_at_once_make_one(
    worker: User, make_user: Callable[..., User], targets: tuple[str, str]
) -> None:
    colleague = make_user("colleague", "welfare", Role.CASE_WORKER)
    one, other = bearer(worker), bearer(colleague)
    for _ in range(ROUNDS):
        case = new_case(worker, Stage.SCREENING)
        url = reverse("api:victim_case_move", args=[case.reference])
        moves = [
            api_post(who, url, to_stage=to, from_stage=Stage.SCREENING, reason="Assessed.")
            for who, to in zip((one, other), targets, strict=True)
        ]

        responses = at_once(*moves)

        assert statuses(responses) == [201, 409], [r.content for r in responses]
        case.refresh_from_db()
        lost = next(r for r in responses if r.status_code == 409).json()
        assert lost["current"] == {"stage": case.stage}
        made = StageTransition.objects.filter(case=case)
        assert [(t.from_stage, t.to_stage) for t in made] == [(Stage.SCREENING, case.stage)]


def test_the_same_move_sent_twice_from_the_page_is_made_once(worker: User) -> None:
    one, again = logged_in(worker), logged_in(worker)
    for _ in range(ROUNDS):
        case = new_case(worker, Stage.SCREENING)
        url = reverse("registry:case_move", args=[case.reference])
        form = {
            "to_stage": Stage.NOT_IDENTIFIED,
            "from_stage": Stage.SCREENING,
            f"move-{Stage.NOT_IDENTIFIED}-reason": "No indicators.",
        }

        responses = at_once(page_post(one, url, **form), page_post(again, url, **form))

        assert statuses(responses) == [302, 409]
        assert StageTransition.objects.filter(case=case).count() == 1


@pytest.fixture
def investigators(make_user: Callable[..., User]) -> tuple[User, User]:
    return (
        make_user("ines", "police", Role.INVESTIGATOR),
        make_user("ivo", "police", Role.INVESTIGATOR),
    )


def test_closing_a_criminal_case_twice_at_once_closes_it_once(
    investigators: tuple[User, User],
) -> None:
    one, other = bearer(investigators[0]), bearer(investigators[1])
    for _ in range(ROUNDS):
        case = CriminalCase.open(investigators[0], "Report from the hotline.")
        url = reverse("api:criminal_case_move", args=[case.reference])
        close = {"stage": "closed", "from_stage": "investigation", "reason": "No evidence."}

        responses = at_once(api_post(one, url, **close), api_post(other, url, **close))

        assert statuses(responses) == [201, 409], [r.content for r in responses]
        assert CriminalTransition.objects.filter(case=case, to_stage="closed").count() == 1


def test_closing_a_criminal_case_twice_from_the_pages_closes_it_once(
    investigators: tuple[User, User],
) -> None:
    one, other = logged_in(investigators[0]), logged_in(investigators[1])
    for _ in range(ROUNDS):
        case = CriminalCase.open(investigators[0], "Report from the hotline.")
        url = reverse("justice:case_move", args=[case.reference])
        form = {"from_stage": "investigation", "move-stage": "closed", "move-reason": "No case."}

        responses = at_once(page_post(one, url, **form), page_post(other, url, **form))

        assert statuses(responses) == [302, 409]
        lost = next(r for r in responses if r.status_code == 409)
        assert "moved meanwhile" in lost.content.decode()
        assert CriminalTransition.objects.filter(case=case, to_stage="closed").count() == 1
