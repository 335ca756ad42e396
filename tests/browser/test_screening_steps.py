"""The screening form a dimension at a time, on a phone: the progress follows the answers, "next
dimension" opens the next one and folds this one, and nothing is lost moving between them."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.screening import ilo
from palermo.screening.models import Screening
from tests.browser.pages import PASSWORD, log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_in_view(page: Any, key: str, value: str) -> None:
    fieldset = page.locator("fieldset.indicator", has=page.locator(f'input[name="{key}"]'))
    fieldset.locator(f'input[value="{value}"]').check()
    fieldset.locator(".save-status", has_text="Saved").wait_for()


def test_the_form_steps_through_dimensions_with_its_progress(
    open_page: Callable[[int], Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    make_user("screener", "police", "screener", password=PASSWORD)
    page = open_page(360)
    log_in(page, live_server.url, "screener")
    page.goto(f"{live_server.url}/screenings/new/")
    page.get_by_label("Adults — trafficking for labour exploitation").check()
    page.get_by_role("button", name="Start the screening").click()
    page.wait_for_url(re.compile(r"/screenings/S-"))
    indicators = ilo.indicator_list("adult_labour")
    first, second = indicators.dimensions[0], indicators.dimensions[1]
    total = len(indicators.indicators)
    assert page.locator("details.dimension[open]").count() == 1
    assert not page.locator(f'input[name="{second.indicators[0].key}"]').first.is_visible()

    answer_in_view(page, first.indicators[0].key, "observed")
    assert page.locator("[data-answered-count]").inner_text() == "1"
    assert page.locator("progress").evaluate("bar => bar.value") == 1
    page.locator("#dimension-1").get_by_role("link", name="Next dimension").click()
    answer_in_view(page, second.indicators[0].key, "not_observed")

    assert not page.locator("#dimension-1").evaluate("d => d.open")
    assert page.locator("#dimension-2").evaluate("d => d.open")
    assert page.locator("#dimension-2 [data-dimension-count]").inner_text() == (
        f"1/{len(second.indicators)}"
    )
    assert page.locator("[data-answered-count]").inner_text() == "2"
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    save_screenshot(page, screenshot_folder, "screening-steps-360")

    page.reload()
    assert Screening.objects.get().answers == {
        first.indicators[0].key: "observed",
        second.indicators[0].key: "not_observed",
    }
    assert page.locator("#progress-label").inner_text().startswith(f"2 of {total}")
