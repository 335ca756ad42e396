"""A person logs in with password and second factor, and reads Palermo in their language."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from palermo.accounts.models import User
from tests.browser.pages import PASSWORD, choose_language, log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_login_enrols_the_second_factor_and_the_language_sticks(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    make_user("worker", "welfare", "case_worker", password=PASSWORD)
    page = open_page()

    log_in(page, live_server.url, "worker")
    save_screenshot(page, screenshot_folder, "dashboard-en")
    assert page.get_by_role("heading", name="My work").is_visible()

    choose_language(page, "zh-hant")
    save_screenshot(page, screenshot_folder, "dashboard-zh-hant")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"

    choose_language(page, "pt")
    save_screenshot(page, screenshot_folder, "dashboard-pt")
    assert page.locator("html").get_attribute("lang") == "pt"


def test_the_login_page_fits_a_small_phone(
    open_page: Callable[..., Any], live_server: Any, db: None
) -> None:
    page = open_page(360)
    page.goto(f"{live_server.url}/login/")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0
    first = "document.querySelector('a[href], button, input:not([type=hidden]), select')"
    assert page.evaluate(f"{first}.className") == "skip"
    page.focus(".skip")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "brand"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
