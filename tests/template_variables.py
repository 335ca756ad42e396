"""Tests fail when one of our templates reads a variable its context does not have.

Django renders an unknown variable as an empty string, so a renamed context key or a typo shows
nothing instead of failing. Django logs each such look-up (logger `django.template`, DEBUG); this
plugin collects them during each test and fails the test that rendered a template whose context
lacks a name it reads. An attribute of an absent value (`{{ tip.forwarded_to.name|default:"—" }}`
with no agency yet) is fine: only a name missing from the context itself counts. Django's own
widget templates are left alone: they probe optional names on purpose.
"""

import logging
from collections.abc import Iterator

import pytest
from django.template import VariableDoesNotExist
from django.template.context import BaseContext

PREFIX = "Exception while resolving variable"


class UnknownVariables(logging.Filter):
    """A filter on the logger: it notes each look-up and drops the record, whose traceback carries
    the whole context (tokens, test data) and would otherwise flood the test's captured log."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or not record.msg.startswith(PREFIX):
            return True
        name, template = (str(arg) for arg in record.args or ("?", "?"))
        error = record.exc_info[1] if record.exc_info else None
        if (
            not template.startswith("django/")
            and isinstance(error, VariableDoesNotExist)
            and isinstance(error.params[1], BaseContext)  # the name itself is not in the context
        ):
            self.found.append((name, template))
        return False


@pytest.fixture(autouse=True)
def no_unknown_template_variables() -> Iterator[None]:
    logger = logging.getLogger("django.template")
    unknown = UnknownVariables()
    level = logger.level
    logger.addFilter(unknown)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeFilter(unknown)
        logger.setLevel(level)
    if unknown.found:
        listed = ", ".join(
            f"{name!r} in {template}" for name, template in sorted(set(unknown.found))
        )
        pytest.fail(f"unknown template variables: {listed}", pytrace=False)
