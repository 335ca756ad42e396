"""The refusals every operation may answer, declared once for the whole API description.

Each operation declares its own success; the refusals come from shared places (the token check,
the rate limit, the access helpers, the model rules, the If-Match check) in one shape, so they are
added here to every operation they can come from, with one shared `Refusal` schema, rather than
repeated on sixty decorators.
"""

from typing import Any

REFUSAL_SCHEMA: dict[str, Any] = {
    "title": "Refusal",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "description": "A sentence (401, 403, 404, 429), or the problems, each where it is",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["loc", "msg"],
                        "properties": {
                            "loc": {
                                "type": "array",
                                "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                            },
                            "msg": {"type": "string"},
                        },
                    },
                },
            ],
        },
        "current": {"type": "object", "description": "409: the record as it is now"},
    },
}

WHY = {
    "400": "A body that is not JSON at all.",
    "401": "No valid token or session.",
    "403": "The caller's role may not do this.",
    "404": "No such record, or the caller may not see it.",
    "409": "The record changed meanwhile (answered, moved or decided): see `current`.",
    "412": "`If-Match` names an older version of the record: read it again.",
    "422": "A parameter or body that does not fit, or a rule the change breaks.",
    "429": "Too many calls from this address or token: wait `Retry-After` seconds.",
}

WRITES = frozenset({"post", "put", "patch", "delete"})


def refusals_of(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    """The refusal codes an operation can answer, from what it is: every call may be refused
    (401, 403, 429); a record in the path may be unseen (404); a body may not parse (400); a
    query or body may not fit (422); a change may lose a race or come stale (409, 412)."""
    codes = ["401", "403", "429"]
    if "{" in path:
        codes.append("404")
    if "requestBody" in operation:
        codes.append("400")
    if operation.get("parameters") or "requestBody" in operation or method in WRITES:
        codes.append("422")
    if method in WRITES:
        codes += ["409", "412"] if "{" in path else ["409"]
    return codes


def declare_refusals(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI description, with each operation's refusals added. A refusal an operation
    declares itself (a 409 with its own schema, a hidden list's 404) keeps its words and schema."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Refusal"] = REFUSAL_SCHEMA
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Refusal"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            # django-ninja keys its own answers by int; JSON keys are strings, so one key each.
            answers = {str(code): answer for code, answer in operation.get("responses", {}).items()}
            operation["responses"] = answers
            declared = [code for code in answers if code in WHY]
            for code in sorted({*refusals_of(method, path, operation), *declared}):
                answer = answers.setdefault(code, {"description": WHY[code]})
                answer.setdefault("content", content)
    return schema
