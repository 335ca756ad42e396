"""ETags and If-Match: a change based on a stale read is refused (412), never made over
someone else's change; a change based on the current read goes through."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.justice.models import CriminalCase, CriminalTransition
from palermo.registry.models import Exploitation, Stage, StageTransition, VictimCase
from tests.api.program import Headers


def etag_of_case(program: Client, case: VictimCase, headers: dict[str, str]) -> str:
    response = program.get(reverse("api:victim_case", args=[case.reference]), headers=headers)
    assert response.status_code == 200
    return str(response["ETag"])


def move(program: Client, case: VictimCase, headers: dict[str, str], stage: str) -> Any:
    return program.post(
        reverse("api:victim_case_move", args=[case.reference]),
        {"to_stage": stage, "reason": "Assessed."},
        content_type="application/json",
        headers=headers,
    )


def test_a_case_answers_its_etag_which_changes_with_the_case(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    headers = bearer(worker)
    before = etag_of_case(program, case, headers)
    assert before == etag_of_case(program, case, headers)
    move(program, case, headers, Stage.SCREENING)
    assert etag_of_case(program, case, headers) != before


def test_a_move_on_a_stale_read_is_refused(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    headers = bearer(worker)
    seen = etag_of_case(program, case, headers)
    move(program, case, headers, Stage.SCREENING)  # a colleague's move, in between

    stale = move(program, case, {**headers, "If-Match": seen}, Stage.CLOSED)

    assert stale.status_code == 412
    assert stale.json()["detail"][0]["loc"] == ["header", "If-Match"]
    assert stale["ETag"] == etag_of_case(program, case, headers)
    case.refresh_from_db()
    assert case.stage == Stage.SCREENING
    assert StageTransition.objects.filter(case=case).count() == 1


def test_a_move_on_the_current_read_is_made(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    headers = bearer(worker)
    seen = etag_of_case(program, case, headers)

    moved = move(program, case, {**headers, "If-Match": seen}, Stage.SCREENING)

    assert moved.status_code == 201
    case.refresh_from_db()
    assert case.stage == Stage.SCREENING


def test_exploitation_details_are_not_overwritten_on_a_stale_read(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    headers = bearer(worker)
    url = reverse("api:exploitation", args=[case.reference])
    seen = program.get(url, headers=headers)["ETag"]
    first = program.put(
        url, {"forms": ["labour"]}, content_type="application/json", headers=headers
    )
    assert first.status_code == 200

    stale = program.put(
        url,
        {"forms": ["sexual"]},
        content_type="application/json",
        headers={**headers, "If-Match": seen},
    )
    current = program.put(
        url,
        {"forms": ["labour", "sexual"]},
        content_type="application/json",
        headers={**headers, "If-Match": first["ETag"]},
    )

    assert stale.status_code == 412
    assert current.status_code == 200
    assert Exploitation.objects.get(case=case).forms == ["labour", "sexual"]


def test_a_criminal_case_move_on_a_stale_read_is_refused(
    program: Client, make_user: Callable[..., User], bearer: Headers
) -> None:
    investigator = make_user("ines", "police", "investigator")
    headers = bearer(investigator)
    case = CriminalCase.open(investigator, "Report from the hotline.")
    url = reverse("api:criminal_case", args=[case.reference])
    seen = program.get(url, headers=headers)["ETag"]
    case.provisions.clear()
    CriminalCase.objects.filter(pk=case.pk).update(reported_on="2026-01-02")  # changed meanwhile

    stale = program.post(
        reverse("api:criminal_case_move", args=[case.reference]),
        {"stage": "closed", "reason": "No evidence."},
        content_type="application/json",
        headers={**headers, "If-Match": seen},
    )

    assert stale.status_code == 412
    assert not CriminalTransition.objects.filter(case=case, to_stage="closed").exists()
