"""One date format per language: a page never shows "12/01/2026" beside "Dec. 1, 2026"."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import formats, translation

SOURCE = Path(__file__).resolve().parents[2] / "src" / "palermo"
DAY = datetime.date(2026, 12, 1)
MOMENT = datetime.datetime(2026, 12, 1, 9, 5)


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "2026-12-01", "2026-12-01 09:05"),
        ("zh-hant", "2026年12月1日", "2026年12月1日 09:05"),
        ("pt", "01/12/2026", "01/12/2026 09:05"),
    ],
)
def test_each_language_has_one_date_format(language: str, day: str, moment: str) -> None:
    with translation.override(language):
        shown = Template(
            '{{ d|day }}|{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d }}'
            '|{{ m|moment }}|{{ m|date:"SHORT_DATETIME_FORMAT" }}'
        ).render(Context({"d": DAY, "m": MOMENT}))
        assert shown.split("|") == [day, day, day, day, moment, moment]
        assert formats.get_format("DATE_FORMAT") == formats.get_format("SHORT_DATE_FORMAT")


def test_english_date_boxes_refuse_the_us_order() -> None:
    from django import forms

    with translation.override("en"):
        field = forms.DateField()
        assert field.clean("2026-12-01") == DAY
        with pytest.raises(forms.ValidationError):
            field.clean("12/01/2026")


def test_no_template_writes_its_own_date_format() -> None:
    """Dates go through ``|day`` and ``|moment`` only: a literal format ("Y-m-d", "N j, Y") or
    a named one ("SHORT_DATE_FORMAT") would let two formats creep onto one page."""
    literal = re.compile(r'\|date(:"[^"]*")?')
    found = [
        f"{path.relative_to(SOURCE)}: {match.group(0)}"
        for path in SOURCE.rglob("*.html")
        for match in literal.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
