"""Changing a victim case through the API: moves, exploitation details and consent, with the
page's rules, the page's audit trail, and JSON errors that say which field is wrong."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Consent, Exploitation, Stage, StageTransition, VictimCase
from tests.api.program import Headers


def send(
    program: Client, method: str, name: str, args: list[Any], headers: dict[str, str], **body: Any
) -> Any:
    call = getattr(program, method)
    return call(reverse(name, args=args), body, content_type="application/json", headers=headers)


def move(program: Client, case: VictimCase, headers: dict[str, str], **body: Any) -> Any:
    return send(program, "post", "api:victim_case_move", [case.reference], headers, **body)


def locations(response: Any) -> list[list[str]]:
    return [problem["loc"] for problem in response.json()["detail"]]


@pytest.fixture
def screener(make_user: Callable[..., User], case: VictimCase) -> User:
    """A screener who opened the case: may read it, may not change it."""
    user = make_user("screener", "welfare", "screener")
    VictimCase.objects.filter(pk=case.pk).update(opened_by=user)
    return user


def at_stage(case: VictimCase, stage: str) -> VictimCase:
    VictimCase.objects.filter(pk=case.pk).update(stage=stage)
    case.refresh_from_db()
    return case


# Moves


def test_a_case_moves_on_with_its_reason_recorded(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = move(program, case, bearer(worker), to_stage="screening", reason="Interview set.")

    assert response.status_code == 201
    assert response.json()["from"] == "referred"
    assert response.json()["to"] == "screening"
    assert response.json()["by"] == worker.username
    case.refresh_from_db()
    assert case.stage == Stage.SCREENING
    assert StageTransition.objects.get(case=case).reason == "Interview set."
    audit = AuditEntry.objects.get(action="transition")
    assert (audit.object_ref, audit.changes["stage"]) == (case.reference, ["referred", "screening"])
    assert audit.changes["reason_of"] == StageTransition.objects.get(case=case).audit_ref


def test_a_presumed_victim_gets_the_reflection_period_asked_for(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    at_stage(case, Stage.SCREENING)

    response = move(
        program,
        case,
        bearer(worker),
        to_stage="presumed_victim",
        reason="Indicators met.",
        reflection_period_start="2026-03-01",
        reflection_period_end="2026-05-01",
    )

    assert response.status_code == 201
    case.refresh_from_db()
    assert (case.reflection_period_start, case.reflection_period_end) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 5, 1),
    )


def test_identification_needs_the_authority_and_its_decision(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    at_stage(case, Stage.PRESUMED_VICTIM)

    response = move(program, case, bearer(worker), to_stage="identified", reason="Decided.")

    assert response.status_code == 422
    assert sorted(locations(response)) == [["body", "competent_authority"], ["body", "decision"]]
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED_VICTIM


def test_identification_records_the_authority_and_its_decision(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Headers,
) -> None:
    at_stage(case, Stage.PRESUMED_VICTIM)

    response = move(
        program,
        case,
        bearer(worker),
        to_stage="identified",
        reason="Decided.",
        competent_authority="police",
        decision="Identified as a victim of forced labour.",
    )

    assert response.status_code == 201
    case.refresh_from_db()
    assert case.competent_authority == agency("police")
    assert case.identified_on == timezone.localdate()


def test_a_stage_the_case_cannot_go_to_is_refused_with_the_models_reason(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = move(program, case, bearer(worker), to_stage="assistance", reason="Skipping.")

    assert response.status_code == 422
    assert locations(response) == [["body"]]
    assert "cannot move" in response.json()["detail"][0]["msg"]
    case.refresh_from_db()
    assert case.stage == Stage.REFERRED
    assert not StageTransition.objects.exists()


def test_a_stage_that_does_not_exist_and_a_missing_reason_are_located(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    unknown = move(program, case, bearer(worker), to_stage="heaven", reason="No.")
    no_reason = move(program, case, bearer(worker), to_stage="screening")

    assert (unknown.status_code, no_reason.status_code) == (422, 422)
    assert locations(unknown) == [["body", "payload", "to_stage"]]
    assert locations(no_reason) == [["body", "reason"]]


def test_an_outsider_cannot_move_a_case_it_cannot_see(
    program: Client, case: VictimCase, outsider: User, bearer: Headers
) -> None:
    response = move(program, case, bearer(outsider), to_stage="screening", reason="Why not.")

    assert response.status_code == 404
    assert not StageTransition.objects.exists()


def test_a_screener_may_read_but_not_move(
    program: Client, case: VictimCase, screener: User, bearer: Headers
) -> None:
    response = move(program, case, bearer(screener), to_stage="screening", reason="Ready.")

    assert response.status_code == 403
    assert not StageTransition.objects.exists()


# Exploitation details

DETAILS = {
    "forms": ["labour"],
    "labour_sectors": ["construction", "domestic_work"],
    "means_of_control": ["debt_bondage"],
    "was_abducted": False,
    "country_of_origin": "vn",
    "transit_countries": ["KH", "th"],
    "began": "2025-01-10",
    "ended": "2025-09-30",
}


def put_details(program: Client, case: VictimCase, headers: dict[str, str], **body: Any) -> Any:
    return send(program, "put", "api:exploitation", [case.reference], headers, **body)


def test_the_exploitation_details_are_recorded_and_audited_by_field_name(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = put_details(program, case, bearer(worker), **DETAILS)

    assert response.status_code == 200
    assert response.json()["transit_countries"] == ["KH", "TH"]
    saved = Exploitation.objects.get(case=case)
    assert (saved.forms, saved.labour_sectors) == (["labour"], ["construction", "domestic_work"])
    assert (saved.was_abducted, saved.country_of_origin) == (False, "VN")
    assert saved.ended == datetime.date(2025, 9, 30)
    audit = AuditEntry.objects.get(action="exploitation_changed")
    assert "forms" in audit.changes["fields"]


def test_the_whole_record_is_replaced(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    put_details(program, case, bearer(worker), **DETAILS)

    response = put_details(program, case, bearer(worker), forms=["sexual"])

    assert response.status_code == 200
    saved = Exploitation.objects.get(case=case)
    assert (saved.forms, saved.labour_sectors, saved.transit_countries) == (["sexual"], [], [])
    assert (saved.country_of_origin, saved.was_abducted, saved.began) == ("", None, None)


def test_the_details_are_read_back_as_codes(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    empty = program.get(reverse("api:exploitation", args=[case.reference]), headers=bearer(worker))
    put_details(program, case, bearer(worker), **DETAILS)
    full = program.get(reverse("api:exploitation", args=[case.reference]), headers=bearer(worker))

    assert empty.json()["forms"] == []
    assert full.json()["means_of_control"] == ["debt_bondage"]
    assert full.json()["began"] == "2025-01-10"


def test_unknown_codes_countries_and_a_backward_period_are_located(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = put_details(
        program,
        case,
        bearer(worker),
        forms=["piracy"],
        country_of_origin="XX",
        transit_countries=["TH", "ZZ"],
        began="2025-05-01",
        ended="2025-01-01",
    )

    assert response.status_code == 422
    assert sorted(locations(response)) == [
        ["body", "country_of_origin"],
        ["body", "ended"],
        ["body", "forms"],
        ["body", "transit_countries"],
    ]
    assert not Exploitation.objects.exists()


def test_a_screener_may_read_the_details_but_not_record_them(
    program: Client, case: VictimCase, screener: User, bearer: Headers
) -> None:
    read = program.get(reverse("api:exploitation", args=[case.reference]), headers=bearer(screener))
    write = put_details(program, case, bearer(screener), **DETAILS)

    assert (read.status_code, write.status_code) == (200, 403)
    assert not Exploitation.objects.exists()


def test_an_outsider_neither_reads_nor_records_the_details(
    program: Client, case: VictimCase, outsider: User, bearer: Headers
) -> None:
    read = program.get(reverse("api:exploitation", args=[case.reference]), headers=bearer(outsider))
    write = put_details(program, case, bearer(outsider), **DETAILS)

    assert (read.status_code, write.status_code) == (404, 404)


# Consent


def record_consent(program: Client, case: VictimCase, headers: dict[str, str], **body: Any) -> Any:
    return send(program, "post", "api:consent_record", [case.reference], headers, **body)


def withdraw(program: Client, case: VictimCase, consent: Consent, headers: dict[str, str]) -> Any:
    args = [case.reference, consent.pk]
    body = {"reason": "The person changed their mind."}
    return program.post(
        reverse("api:consent_withdraw", args=args),
        body,
        content_type="application/json",
        headers=headers,
    )


def test_a_consent_is_recorded_and_audited(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = record_consent(program, case, bearer(worker), form="oral", given_on="2026-01-05")

    assert response.status_code == 201
    consent = Consent.objects.get(pk=response.json()["id"])
    assert (consent.case, consent.recorded_by, consent.form) == (case, worker, "oral")
    assert consent.given_on == datetime.date(2026, 1, 5)
    assert response.json()["recorded_by"] == worker.username
    audit = AuditEntry.objects.get(action="consent_recorded")
    assert audit.changes == {"consent": consent.pk}


def test_a_consent_in_the_future_or_of_an_unknown_form_is_refused(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = record_consent(
        program, case, bearer(worker), form="telepathic", given_on=tomorrow.isoformat()
    )

    assert response.status_code == 422
    assert sorted(locations(response)) == [["body", "form"], ["body", "given_on"]]
    assert Consent.objects.count() == 1  # the fixture's


def test_a_consent_is_withdrawn_once(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    consent = case.consents.get()

    first = withdraw(program, case, consent, bearer(worker))
    again = withdraw(program, case, consent, bearer(worker))

    assert (first.status_code, again.status_code) == (200, 404)
    assert first.json()["withdrawn_on"] == timezone.localdate().isoformat()
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="consent_withdrawn").count() == 1


def test_an_outsider_cannot_record_or_withdraw_consent(
    program: Client, case: VictimCase, outsider: User, bearer: Headers
) -> None:
    recorded = record_consent(program, case, bearer(outsider), form="written")
    withdrawn = withdraw(program, case, case.consents.get(), bearer(outsider))

    assert (recorded.status_code, withdrawn.status_code) == (404, 404)
    assert case.consents.get().withdrawn_on is None


def test_a_screener_cannot_withdraw_consent(
    program: Client, case: VictimCase, screener: User, bearer: Headers
) -> None:
    response = withdraw(program, case, case.consents.get(), bearer(screener))

    assert response.status_code == 403
    assert case.consents.get().withdrawn_on is None
