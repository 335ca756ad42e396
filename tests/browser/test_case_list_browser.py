"""The case list in the browser: sorted by a column header, paged with the sort kept, and at
360 px wide the page itself never scrolls sideways (the table scrolls in its own box)."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from palermo.accounts.models import User
from palermo.registry.models import Person, VictimCase
from tests.browser.pages import PASSWORD, log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def many_cases(owner: User, count: int) -> list[VictimCase]:
    """`count` cases opened a day apart, the first the oldest."""
    start = timezone.now() - datetime.timedelta(days=count)
    return [
        VictimCase.objects.create(
            person=Person.objects.create(
                given_name="N", recorded_by_agency=owner.agency, sex="female", nationality="VN"
            ),
            owning_agency=owner.agency,
            opened_by=owner,
            opened_at=start + datetime.timedelta(days=day),
        )
        for day in range(count)
    ]


def first_reference(page: Any) -> str:
    return str(page.locator("#case-results tbody tr td a").first.inner_text())


def test_the_list_sorts_by_a_header_and_pages_with_the_sort_kept(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    owner = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    cases = many_cases(owner, 30)
    page = open_page()
    log_in(page, live_server.url, "worker")
    page.goto(f"{live_server.url}/cases/")
    page.evaluate("window.sameDocument = true")
    assert first_reference(page) == cases[-1].reference  # newest first by default

    page.locator("#case-results thead").get_by_role("link", name="Opened").click()
    page.wait_for_url("**sort=opened**")
    page.locator("#case-results tbody tr td a", has_text=cases[0].reference).wait_for()
    assert first_reference(page) == cases[0].reference
    assert page.locator("th[aria-sort='ascending']").inner_text() == "Opened"

    page.locator("#case-results").get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2**")
    page.locator("#case-results tbody tr td a", has_text=cases[25].reference).wait_for()
    assert first_reference(page) == cases[25].reference
    assert "sort=opened" in page.url
    assert page.evaluate("window.sameDocument") is True
    save_screenshot(page, screenshot_folder, "case-list-sorted-page-2")


def test_a_long_list_fits_a_phone_without_sideways_scrolling(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    owner = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    many_cases(owner, 30)
    page = open_page(360)
    log_in(page, live_server.url, "worker")

    page.goto(f"{live_server.url}/cases/")

    assert page.locator("#case-results tbody tr").count() == 25
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    box = page.locator("#case-results .table-wrap")
    # The table is wider than the phone: it scrolls inside its box, which the keyboard can reach.
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    save_screenshot(page, screenshot_folder, "case-list-360")
