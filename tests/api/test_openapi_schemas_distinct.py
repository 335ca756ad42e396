"""Each operation is documented with its own body: no two schemas share a name."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from palermo.accounts.models import User


def body_schema(spec: dict[str, Any], path: str) -> str:
    content = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    return str(content["schema"]["$ref"]).rsplit("/", 1)[-1]


def test_each_move_is_documented_with_its_own_body(
    program: Client, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    spec = program.get("/api/v1/openapi.json", headers=bearer(worker)).json()
    schemas = spec["components"]["schemas"]

    victim = body_schema(spec, "/api/v1/victim-cases/{reference}/moves/")
    criminal = body_schema(spec, "/api/v1/criminal-cases/{reference}/moves/")

    assert victim != criminal
    assert "to_stage" in schemas[victim]["properties"]
    assert "prosecution" in schemas[criminal]["properties"]
