"""Free text has a maximum length, enforced by the page's form, the API's schema and the model:
a five-megabyte reason is refused with a clear error and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.api.models import ApiToken
from palermo.audit.models import AuditEntry
from palermo.core import limits
from palermo.registry.models import Stage, StageTransition, VictimCase

HUGE = "x" * 5_000_000


def test_the_page_refuses_a_huge_reason(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)
    audit_before = AuditEntry.objects.count()

    response = client.post(
        reverse("registry:case_move", args=[welfare_case.reference]),
        {"to_stage": Stage.SCREENING, f"move-{Stage.SCREENING}-reason": HUGE},
    )

    assert response.status_code == 400
    assert f"at most {limits.REASON} characters" in response.content.decode()
    assert not StageTransition.objects.exists()
    assert AuditEntry.objects.filter(action="transition").count() == 0
    assert AuditEntry.objects.count() - audit_before <= 1  # at most the read of the case file


def test_the_api_refuses_a_huge_reason(welfare_case: VictimCase, owner: User) -> None:
    _, token = ApiToken.issue(owner, "test", 1)

    response = Client().post(
        reverse("api:victim_case_move", args=[welfare_case.reference]),
        {"to_stage": "screening", "reason": HUGE},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "reason"
    assert not StageTransition.objects.exists()


def test_the_model_refuses_a_huge_reason(welfare_case: VictimCase, owner: User) -> None:
    with pytest.raises(ValidationError, match="at most 2000 characters"):
        welfare_case.move_to(Stage.SCREENING, owner, "y" * (limits.REASON + 1))

    assert not StageTransition.objects.exists()
    assert VictimCase.objects.get(pk=welfare_case.pk).stage == Stage.REFERRED


def test_the_api_description_states_the_bounds(client: Client, owner: User) -> None:
    client.force_login(owner)
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    bounded = {
        (name, field): spec.get("maxLength")
        for name, schema in schemas.items()
        for field, spec in schema.get("properties", {}).items()
        if field in {"reason", "note", "notes", "summary", "scope"}
    }
    assert bounded
    assert all(bounded.values()), [key for key, value in bounded.items() if not value]
