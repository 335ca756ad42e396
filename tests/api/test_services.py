"""Recording a service through the API: the page's rules, the page's audit, JSON errors that
say which field is wrong."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Service, VictimCase


def add(program: Client, case: VictimCase, headers: dict[str, str], **body: Any) -> Any:
    return program.post(
        reverse("api:service_add", args=[case.reference]),
        body,
        content_type="application/json",
        headers=headers,
    )


def test_a_service_is_recorded_and_audited_without_its_notes(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    response = add(
        program,
        case,
        bearer(worker),
        kind="legal_aid",
        provider="shelter-ngo",
        started_on="2026-02-01",
        notes="Hearing on Friday.",
    )

    assert response.status_code == 201
    assert response.json()["kind"] == "legal_aid"
    assert response.json()["provider"] == "shelter-ngo"
    assert Service.objects.get().notes == "Hearing on Friday."
    audit = AuditEntry.objects.get(action="service_added")
    assert "Hearing" not in str(audit.changes)


def test_the_forms_rules_answer_field_by_field(
    program: Client,
    case: VictimCase,
    worker: User,
    agency: Callable[[str], Agency],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    response = add(
        program,
        case,
        bearer(worker),
        kind="spa_day",
        provider="shelter-ngo",
        started_on="2026-02-01",
        ended_on="2026-01-01",
    )

    assert response.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
    assert "not one of the available choices" in problems[("body", "kind")]
    assert "cannot end before it started" in problems[("body", "ended_on")]
    assert not Service.objects.exists()


def test_a_body_of_the_wrong_shape_is_refused_with_where(
    program: Client, case: VictimCase, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = add(program, case, bearer(worker), kind="shelter", provider=["shelter-ngo"])

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "provider"]


def test_malformed_json_is_refused(
    program: Client, case: VictimCase, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = program.post(
        reverse("api:service_add", args=[case.reference]),
        "{not json",
        content_type="application/json",
        headers=bearer(worker),
    )

    assert response.status_code == 400
    assert not Service.objects.exists()


def test_a_screener_may_read_but_not_record(
    program: Client,
    case: VictimCase,
    make_user: Callable[..., User],
    agency: Callable[[str], Agency],
    bearer: Callable[[User], dict[str, str]],
) -> None:
    screener = make_user("screener", "welfare", "screener")
    case.opened_by = screener
    case.save()

    response = add(program, case, bearer(screener), kind="shelter", provider="shelter-ngo")

    assert response.status_code == 403  # the screener who opened the case may read it
    assert not Service.objects.exists()
