"""The committee's work through the API: own agency / secretariat / outsider for every
operation, and the same rules as the pages."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.coordination.models import Inspection, Measure, ProgressReport, Tip, TipStatus
from palermo.coordination.periods import quarter_of
from tests.cast import Committee
from tests.coordination.conftest import measure, prevention, tip  # noqa: F401

pytestmark = pytest.mark.django_db

Call = Callable[..., Any]

# (operation, method, address builder, body builder, users allowed: status; others 404)
COMMITTEE = {"secretariat", "labour", "labour_colleague", "police", "hotline", "outsider"}


def as_json(program: Client, headers: dict[str, str], method: str, url: str, body: Any) -> Any:
    if method == "get":
        return program.get(url, headers=headers)
    return program.post(url, body, content_type="application/json", headers=headers)


OPERATIONS: list[tuple[str, str, Call, Call, set[str], int]] = [
    ("measures", "get", lambda w: reverse("api:measures"), lambda w: None, COMMITTEE, 200),
    (
        "measure",
        "get",
        lambda w: reverse("api:measure", args=[w["measure"].reference]),
        lambda w: None,
        {"secretariat", "labour", "labour_colleague", "police"},
        200,
    ),
    (
        "measure_progress",
        "post",
        lambda w: reverse("api:measure_progress", args=[w["measure"].reference]),
        lambda w: {
            "period": quarter_of(timezone.localdate()).code,
            "status": "on_track",
            "narrative": "Briefings held",
        },
        {"labour", "labour_colleague"},
        201,
    ),
    ("inspections", "get", lambda w: reverse("api:inspections"), lambda w: None, COMMITTEE, 200),
    (
        "inspection_new",
        "post",
        lambda w: reverse("api:inspection_new"),
        lambda w: {
            "kind": "labour",
            "inspected_on": "2026-09-01",
            "place": "Site 4",
            "sector": "construction",
            "workers_met": 20,
        },
        COMMITTEE,
        201,
    ),
    (
        "tips",
        "get",
        lambda w: reverse("api:tips"),
        lambda w: None,
        {"labour", "labour_colleague", "police", "hotline", "outsider"},
        200,
    ),
    (
        "tip",
        "get",
        lambda w: reverse("api:tip", args=[w["tip"].reference]),
        lambda w: None,
        {"police", "hotline"},
        200,
    ),
    (
        "tip_forward",
        "post",
        lambda w: reverse("api:tip_forward", args=[w["tip"].reference]),
        lambda w: {"agency": "labour"},
        {"police", "hotline"},
        200,
    ),
    (
        "tip_close",
        "post",
        lambda w: reverse("api:tip_close", args=[w["tip"].reference]),
        lambda w: {"reason": "insufficient"},
        {"police", "hotline"},
        200,
    ),
    (
        "prevention_figures",
        "get",
        lambda w: reverse("api:prevention_figures") + "?start=2026-01-01&end=2026-12-31",
        lambda w: None,
        COMMITTEE,
        200,
    ),
]


@pytest.mark.parametrize(
    ("operation", "method", "url", "body", "allowed", "status"),
    OPERATIONS,
    ids=[o[0] for o in OPERATIONS],
)
def test_each_operation_for_own_agency_secretariat_and_outsider(
    operation: str,
    method: str,
    url: Call,
    body: Call,
    allowed: set[str],
    status: int,
    committee: Committee,
    measure: Measure,  # noqa: F811
    prevention: Any,  # noqa: F811
    tip: Tip,  # noqa: F811
    program: Client,
    bearer: Callable[[User], dict[str, str]],
) -> None:
    world = {"measure": measure, "tip": tip, **prevention}
    for who, user in committee.by_name().items():
        if who in allowed:
            continue
        response = as_json(program, bearer(user), method, url(world), body(world))
        assert response.status_code == 404, (operation, who)
    who = sorted(allowed)[0]
    before = AuditEntry.objects.count()
    response = as_json(program, bearer(committee.by_name()[who]), method, url(world), body(world))
    assert response.status_code == status, (operation, who, response.content[:500])
    if method == "post" or operation == "tip":
        assert AuditEntry.objects.count() > before


def test_progress_late_without_reason_is_422(
    committee: Committee,
    measure: Measure,  # noqa: F811
    program: Client,
    bearer: Callable[[User], dict[str, str]],
) -> None:
    response = program.post(
        reverse("api:measure_progress", args=[measure.reference]),
        {"period": quarter_of(timezone.localdate()).code, "status": "behind", "narrative": "x"},
        content_type="application/json",
        headers=bearer(committee.labour),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "late_reason"]
    assert not ProgressReport.objects.exists()


def test_forward_and_close_move_the_tip(
    committee: Committee,
    tip: Tip,  # noqa: F811
    program: Client,
    bearer: Callable[[User], dict[str, str]],
) -> None:
    headers = bearer(committee.hotline)
    response = program.post(
        reverse("api:tip_forward", args=[tip.reference]),
        {"agency": "labour"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["forwarded_to"] == "labour"
    queue = program.get(reverse("api:tips"), headers=bearer(committee.labour)).json()
    assert [row["reference"] for row in queue["results"]] == [tip.reference]
    response = program.post(
        reverse("api:tip_close", args=[tip.reference]),
        {"reason": "nonsense"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    tip.refresh_from_db()
    assert tip.status == TipStatus.FORWARDED


def test_an_inspection_with_a_bad_sector_is_422(
    committee: Committee,
    program: Client,
    bearer: Callable[[User], dict[str, str]],
) -> None:
    response = program.post(
        reverse("api:inspection_new"),
        {"kind": "labour", "inspected_on": "2026-09-01", "place": "x", "sector": "mining"},
        content_type="application/json",
        headers=bearer(committee.labour),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "sector"]
    assert not Inspection.objects.exists()
