"""Stage notes the system writes (opening a case from a screening, the demo): stored in English
and shown in the reader's language, like the rest of the page. A note a person typed is shown
as they typed it.

A system note is written with `system_note(template, **params)`; `shown(reason)` recognises a
stored English note and renders it again in the active language, a stage code as its label."""

import re
from functools import cache

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from palermo.registry.models.case import Stage

TEMPLATES = (
    _("Screened with the ILO indicators in screening %(reference)s."),
    _("Screening %(reference)s found a presumed victim of trafficking."),
    _("Screening %(reference)s found indicators that call for further assessment."),
    _("Demo: moved to “%(stage)s”."),
    _("Demo: the person chose to go home."),
    _("Screening interview held."),
    _("Indicators not confirmed."),
    _("Identified as a victim."),
)


def system_note(template: str, **params: str) -> str:
    """The note as stored: English, whatever the language of the person acting."""
    assert template in TEMPLATES, template
    return template % params if params else template


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    found = []
    for template in TEMPLATES:
        pattern = re.escape(template)
        pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>[\\w.-]+)", pattern)
        found.append((re.compile(f"^{pattern}$"), template))
    return found


def shown(reason: str) -> str:
    """A stored system note in the reader's language; any other note unchanged."""
    for pattern, template in _patterns():
        match = pattern.match(reason)
        if match:
            params = {
                name: (
                    str(Stage(value).label) if name == "stage" and value in Stage.values else value
                )
                for name, value in match.groupdict().items()
            }
            return gettext(template) % params if params else gettext(template)
    return reason
