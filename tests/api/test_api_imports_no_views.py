"""The API reuses the product's rules, never its pages: no module of palermo.api imports a views
module. A helper both need (an access check, a query, a download) lives beside the models, in the
app's access.py or a module named for what it does, so the two cannot drift apart."""

import ast
from pathlib import Path

import palermo.api

API = Path(palermo.api.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def is_views(module: str) -> bool:
    return module.startswith("palermo.") and "views" in module.split(".")


def test_the_api_imports_no_views_module() -> None:
    offending = {
        f"{path.relative_to(API)} imports {module}"
        for path in API.rglob("*.py")
        for module in imported_modules(path)
        if is_views(module)
    }
    assert offending == set()


def test_the_check_sees_a_views_import() -> None:
    # The check itself must be able to fail.
    assert is_views("palermo.registry.views.search")
    assert not is_views("palermo.registry.search")
