"""The API describes itself (OpenAPI) to whoever may call it, and to no one else."""

from collections.abc import Callable

from django.test import Client

from palermo.accounts.models import User


def test_a_program_with_a_token_reads_the_description(
    program: Client, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = program.get("/api/v1/openapi.json", headers=bearer(worker))

    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "Palermo"
    assert "/api/v1/victim-cases/{reference}/services/" in spec["paths"]
    assert {"BearerToken", "BrowserSession"} <= set(spec["components"]["securitySchemes"])


def test_nobody_else_does(program: Client, db: None) -> None:
    assert program.get("/api/v1/openapi.json").status_code == 401
    page = program.get("/api/v1/docs/", headers={"Accept": "text/html"})
    assert page.status_code == 302
    assert page["Location"].startswith("/login/")


def test_the_docs_page_uses_local_files_only(client: Client, worker: User) -> None:
    client.force_login(worker)

    page = client.get("/api/v1/docs/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "swagger-ui-bundle.js" in html
    assert "https://" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_every_operation_declares_its_refusals_in_one_shape(
    program: Client, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    spec = program.get("/api/v1/openapi.json", headers=bearer(worker)).json()

    refusal = {"$ref": "#/components/schemas/Refusal"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            assert {"401", "403", "429"} <= set(answers), (method, path)
            assert ("404" in answers) == ("{" in path) or path.endswith("/tips/"), (method, path)
            if method == "post":
                assert {"409", "422"} <= set(answers), (method, path)
            assert answers["403"]["content"]["application/json"]["schema"] == refusal
