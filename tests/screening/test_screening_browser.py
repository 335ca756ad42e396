"""In the browser: answers save as they are given (htmx), the result shows, the case opens."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from palermo.accounts.models import Agency, User
from palermo.registry.models import Referral, VictimCase
from palermo.screening.models import Screening
from tests.browser.pages import PASSWORD, answer_indicator, log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_screener_screens_finishes_and_opens_the_case_in_one_step(
    open_page: Callable[[int], Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
    agency: Callable[[str], Agency],
) -> None:
    make_user("screener", "police", "screener", password=PASSWORD)
    page = open_page(768)  # a tablet held upright
    log_in(page, live_server.url, "screener")

    page.goto(f"{live_server.url}/screenings/new/")
    page.get_by_label("Adults — trafficking for labour exploitation").check()
    page.get_by_role("button", name="Start the screening").click()
    page.wait_for_url(re.compile(r"/screenings/S-"))
    screening = Screening.objects.get()

    keys = [
        "deceptive_recruitment.deceived_about_nature_of_job",
        "deceptive_recruitment.deceived_about_conditions_of_work",
        "exploitation.excessive_working_days_or_hours",
        "exploitation.bad_living_conditions",
        "coercion_at_destination.confiscation_of_documents",
        "coercion_at_destination.debt_bondage",
    ]
    for key in keys:
        answer_indicator(page, key, "observed")
    answer_indicator(page, "exploitation.hazardous_work", "not_observed")
    save_screenshot(page, screenshot_folder, "screening-form-tablet")
    page.screenshot(path=str(screenshot_folder / "screening-form-tablet-viewport.png"))

    screening.refresh_from_db()
    assert screening.answers == {
        **dict.fromkeys(keys, "observed"),
        "exploitation.hazardous_work": "not_observed",
    }
    page.reload()  # left and come back: the answers are still there
    assert page.locator(f'input[name="{keys[0]}"][value="observed"]').is_checked()

    page.get_by_role("button", name="Finish and see the result").click()
    page.get_by_text("Presumed victim — refer").wait_for()
    save_screenshot(page, screenshot_folder, "screening-result")

    page.get_by_role("link", name="Open a victim case and refer").click()
    page.get_by_label("Given name").fill("Ana")
    page.get_by_label("Family name").fill("Exemplo")
    page.get_by_label("Nationality").fill("PH")
    page.get_by_label("The person consents to referral to services").check()
    page.get_by_label("How consent was given").select_option("oral")
    page.get_by_label("Receiving agency").select_option(str(agency("shelter-ngo").pk))
    page.get_by_label("Service", exact=True).select_option("shelter")
    save_screenshot(page, screenshot_folder, "screening-open-case")
    page.get_by_role("button", name="Open the case").click()

    page.wait_for_url(re.compile(r"/cases/VC-"))
    case = VictimCase.objects.get()
    assert page.url.endswith(f"/cases/{case.reference}/")
    assert case.stage == "presumed_victim"
    assert Referral.objects.get(case=case).to_agency.code == "shelter-ngo"


def test_the_screening_form_fits_a_small_phone(
    open_page: Callable[[int], Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    from palermo.screening.services import start_screening

    screener = make_user("screener", "police", "screener", password=PASSWORD)
    screening = start_screening(screener, "child_sexual")
    page = open_page(360)
    log_in(page, live_server.url, "screener")

    page.goto(f"{live_server.url}/screenings/{screening.reference}/")

    save_screenshot(page, screenshot_folder, "screening-form-360")
    page.locator("fieldset.indicator").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_folder / "screening-form-360-viewport.png"))
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.get_by_text("This list is provisional").is_visible()
