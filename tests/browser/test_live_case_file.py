"""A case worker records services on the case file without leaving the page (htmx): the file is
replaced in place, the message is announced, and focus stays where the work is."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from palermo.accounts.models import Agency, User
from palermo.registry.models import Person, Service, VictimCase
from tests.browser.pages import PASSWORD, log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_case(owner: User) -> VictimCase:
    person = Person.objects.create(given_name="Lina", recorded_by_agency=owner.agency)
    return VictimCase.objects.create(person=person, owning_agency=owner.agency, opened_by=owner)


def focus_moves_to(page: Any, element_id: str) -> None:
    """Focus moves once htmx has settled the swap, a moment after the new content shows."""
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=element_id
    )


def test_a_service_is_recorded_in_place_and_errors_take_the_focus(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    agency: Callable[[str], Agency],
    screenshot_folder: Path,
) -> None:
    owner = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    case = open_case(owner)
    page = open_page()
    log_in(page, live_server.url, "worker")
    page.goto(f"{live_server.url}/cases/{case.reference}/")
    page.evaluate("window.sameDocument = true")  # gone if the browser loads a new page
    services = page.locator("#services")

    services.locator("summary", has_text="Services").click()  # the section starts folded
    services.get_by_text("Record a service").click()
    services.get_by_label("Service").select_option("legal_aid")
    services.get_by_label("Provider").select_option(str(agency("shelter-ngo").pk))
    services.get_by_label("Started").fill("2026-03-02")
    services.get_by_label("Ended").fill("2026-03-01")
    services.get_by_role("button", name="Record the service").click()

    error = page.locator("#services").get_by_text("A service cannot end before it started.")
    error.wait_for()
    focus_moves_to(page, "id_service-ended_on")
    assert not Service.objects.exists()

    page.locator("#id_service-ended_on").fill("")
    page.locator("#services").get_by_role("button", name="Record the service").click()

    page.locator("#services td", has_text="Shelter NGO").wait_for()
    assert Service.objects.get().kind == "legal_aid"
    assert page.evaluate("window.sameDocument") is True
    assert page.locator("#messages").get_by_text("recorded", exact=False).is_visible()
    focus_moves_to(page, "services-heading")
    save_screenshot(page, screenshot_folder, "case-file-service-recorded-in-place")
