"""The header fits one row on a desktop and folds its menu away on a small phone."""

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from palermo.accounts.models import User
from tests.browser.pages import PASSWORD, choose_language, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Roles that between them see twelve menu links (docs/access-rules.md).
MANY_ROLES = ("screener", "case_worker", "investigator", "analyst", "auditor")


def header_height(page: Any) -> float:
    return float(
        page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    )


ROWS = """[...document.querySelectorAll(
    'header.top > *, header.top .menu-wide li')].filter(e => e.offsetParent !== null)
    .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))"""


def rows_in_header(page: Any) -> int:
    """How many rows the header's visible parts sit on (by their vertical middles, 8 px apart)."""
    middles = sorted(page.evaluate(ROWS))
    return 1 + sum(1 for above, below in itertools.pairwise(middles) if below - above > 8)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_header_fits_one_row_at_1280_and_folds_at_360(
    open_page: Callable[..., Any], live_server: Any, make_user: Callable[..., User], language: str
) -> None:
    make_user("secretary", "secretariat", *MANY_ROLES, password=PASSWORD)
    page = open_page(1280)
    log_in(page, live_server.url, "secretary")
    if language != "en":
        choose_language(page, language)
    links = page.locator("header.top nav.menu-wide a")
    assert links.count() >= 12
    assert links.first.is_visible()

    assert rows_in_header(page) == 1

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    assert not links.first.is_visible()
    menu = page.locator("header.top details.menu-narrow")
    assert menu.is_visible()
    assert header_height(page) <= 740 / 4
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    menu.locator("summary").click()
    assert menu.locator("a").first.is_visible()
    assert menu.locator("a").count() == links.count()
