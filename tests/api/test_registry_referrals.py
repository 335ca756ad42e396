"""Referrals through the API: sent only with consent, answered only by the receiving agency
(which cannot see the case before accepting), ended by either side, listed by box."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Referral, VictimCase
from palermo.registry.models.referral import ReferralStatus
from tests.api.program import Headers


@pytest.fixture
def receiver(make_user: Callable[..., User]) -> User:
    return make_user("receiver", "shelter-ngo", "case_worker")


@pytest.fixture
def referral(case: VictimCase, worker: User, agency: Callable[[str], Agency]) -> Referral:
    return Referral.send(case, agency("shelter-ngo"), "shelter", worker)


def refer(program: Client, case: VictimCase, headers: dict[str, str], **body: Any) -> Any:
    return program.post(
        reverse("api:referral_send", args=[case.reference]),
        body,
        content_type="application/json",
        headers=headers,
    )


def answer(program: Client, referral: Referral, verb: str, headers: dict[str, str]) -> Any:
    # Declining says why (the receiving agency's reason, kept encrypted for the sender).
    body = {"reason": "No place free this week."} if verb == "decline" else {}
    return program.post(
        reverse(f"api:referral_{verb}", args=[referral.pk]),
        body,
        content_type="application/json",
        headers=headers,
    )


def end(program: Client, referral: Referral, headers: dict[str, str]) -> Any:
    args = [referral.case.reference, referral.pk]
    return program.post(reverse("api:referral_end", args=args), headers=headers)


def box(program: Client, headers: dict[str, str], name: str) -> list[int]:
    response = program.get(reverse("api:referrals"), {"box": name}, headers=headers)
    return [item["id"] for item in response.json()["results"]]


def sees_case(program: Client, case: VictimCase, headers: dict[str, str]) -> bool:
    response = program.get(reverse("api:victim_case", args=[case.reference]), headers=headers)
    return bool(response.status_code == 200)


def test_a_case_with_consent_is_referred(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    response = refer(
        program,
        case,
        bearer(worker),
        to_agency="shelter-ngo",
        service="legal_aid",
        note="Needs a lawyer who speaks Lao.",
    )

    assert response.status_code == 201
    assert response.json()["to_agency"] == "shelter-ngo"
    referral = Referral.objects.get()
    assert (referral.service, referral.status, referral.note) == (
        "legal_aid",
        ReferralStatus.SENT,
        "Needs a lawyer who speaks Lao.",
    )
    audit = AuditEntry.objects.get(action="refer")
    assert audit.changes == {"to": "shelter-ngo"}


def test_a_case_without_consent_is_not_referred(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    case.consents.all().delete()

    response = refer(program, case, bearer(worker), to_agency="shelter-ngo", service="shelter")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]
    assert "consent" in response.json()["detail"][0]["msg"]
    assert not Referral.objects.exists()


def test_the_form_refuses_the_own_agency_and_an_unknown_service(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = refer(program, case, bearer(worker), to_agency=worker.agency.code, service="spa")

    assert response.status_code == 422
    locations = sorted(problem["loc"] for problem in response.json()["detail"])
    assert locations == [["body", "service"], ["body", "to_agency"]]
    assert not Referral.objects.exists()


def test_an_outsider_cannot_refer_a_case_it_cannot_see(
    program: Client,
    case: VictimCase,
    receiver: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    response = refer(program, case, bearer(receiver), to_agency="health", service="medical")

    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_the_receiving_agency_accepts_without_seeing_the_case_first(
    program: Client, case: VictimCase, referral: Referral, receiver: User, bearer: Headers
) -> None:
    assert not sees_case(program, case, bearer(receiver))

    response = answer(program, referral, "accept", bearer(receiver))

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    referral.refresh_from_db()
    assert (referral.status, referral.answered_by) == (ReferralStatus.ACCEPTED, receiver)
    assert sees_case(program, case, bearer(receiver))
    assert AuditEntry.objects.filter(action="referral_accepted").exists()


def test_a_declined_referral_leaves_the_case_unseen(
    program: Client, case: VictimCase, referral: Referral, receiver: User, bearer: Headers
) -> None:
    response = answer(program, referral, "decline", bearer(receiver))

    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert not sees_case(program, case, bearer(receiver))


def test_the_sending_agency_cannot_answer_its_own_referral(
    program: Client, referral: Referral, worker: User, bearer: Headers
) -> None:
    response = answer(program, referral, "accept", bearer(worker))

    assert response.status_code == 422
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_a_referral_is_answered_once(
    program: Client, referral: Referral, receiver: User, bearer: Headers
) -> None:
    answer(program, referral, "decline", bearer(receiver))

    response = answer(program, referral, "accept", bearer(receiver))

    assert response.status_code == 409  # the referral's state, not the request, is at fault
    assert response.json()["current"] == {"status": "declined"}
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_a_third_agency_does_not_know_the_referral(
    program: Client, referral: Referral, make_user: Callable[..., User], bearer: Headers
) -> None:
    health = make_user("nurse", "health", "case_worker")

    response = answer(program, referral, "accept", bearer(health))

    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_only_a_case_worker_of_the_receiving_agency_answers(
    program: Client, referral: Referral, make_user: Callable[..., User], bearer: Headers
) -> None:
    screener = make_user("ngo-screener", "shelter-ngo", "screener")

    response = answer(program, referral, "accept", bearer(screener))

    assert response.status_code == 404  # only case workers read referrals at all
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_either_side_ends_an_accepted_referral(
    program: Client, case: VictimCase, referral: Referral, receiver: User, bearer: Headers
) -> None:
    answer(program, referral, "accept", bearer(receiver))

    response = end(program, referral, bearer(receiver))

    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ENDED
    assert not sees_case(program, case, bearer(receiver))
    assert AuditEntry.objects.filter(action="referral_ended").exists()


def test_a_referral_not_accepted_cannot_be_ended(
    program: Client, referral: Referral, worker: User, bearer: Headers
) -> None:
    response = end(program, referral, bearer(worker))

    assert response.status_code == 409
    assert response.json()["current"] == {"status": "sent"}
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_referral_list_sorts_them_into_the_pages_boxes(
    program: Client, referral: Referral, worker: User, receiver: User, bearer: Headers
) -> None:
    before = box(program, bearer(receiver), "waiting"), box(program, bearer(receiver), "answered")
    answer(program, referral, "accept", bearer(receiver))
    after = box(program, bearer(receiver), "waiting"), box(program, bearer(receiver), "answered")

    assert before == ([referral.pk], [])
    assert after == ([], [referral.pk])
    assert box(program, bearer(worker), "sent") == [referral.pk]
    assert box(program, bearer(worker), "waiting") == []


def test_the_referral_list_items_carry_codes(
    program: Client, referral: Referral, receiver: User, bearer: Headers
) -> None:
    response = program.get(reverse("api:referrals"), headers=bearer(receiver))

    item = response.json()["results"][0]
    assert item["case"] == referral.case.reference
    assert (item["from_agency"], item["to_agency"]) == ("welfare", "shelter-ngo")
    assert (item["service"], item["status"], item["answered_at"]) == ("shelter", "sent", None)


def test_an_unknown_box_is_refused(program: Client, receiver: User, bearer: Headers) -> None:
    response = program.get(reverse("api:referrals"), {"box": "spam"}, headers=bearer(receiver))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "box"]
