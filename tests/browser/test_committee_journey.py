"""Issue 10's journey in a real browser: a member of the public sends a tip; the hotline forwards
it to the labour inspectorate; an inspector, prompted by it, inspects a flat and screens two
workers there; one is a presumed victim; the coverage figure and the plan's indicator move."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.coordination.models import Indicator, Inspection, Measure, Tip
from palermo.coordination.periods import quarter_of
from palermo.screening.models import Screening
from tests.browser.pages import PASSWORD, answer_indicator, log_in, new_page, save_screenshot
from tests.screenings import PRESUMED_VICTIM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABOUR_LIST = "Adults — trafficking for labour exploitation"


def plan_with_bound_indicators(labour: Any) -> Measure:
    today = timezone.localdate()
    measure = Measure.objects.create(
        code="1.1",
        pillar="prevention",
        objective="Screen migrant domestic workers",
        lead_agency=labour,
        starts_on=today.replace(day=1),
        deadline=today.replace(year=today.year + 1),
    )
    Indicator.objects.create(
        measure=measure,
        name="Domestic workers screened",
        target=10,
        figure="screened:domestic_work",
    )
    Indicator.objects.create(
        measure=measure, name="Presumed victims found", target=3, figure="presumed_victims"
    )
    return measure


def send_a_public_tip(browser: Any, base: str) -> None:
    page = new_page(browser)
    page.goto(f"{base}/tip/")
    page.get_by_label("What did you see or hear?").fill(
        "Two domestic workers never leave the flat; their passports are kept (synthetic)."
    )
    page.get_by_label("Where?").fill("Rua Sintetica 8, 3rd floor")
    page.get_by_role("button", name="Send the tip").click()
    page.wait_for_url(re.compile("/tip/thanks/"))
    page.context.close()


def screen_here(page: Any, answers: dict[str, str]) -> None:
    page.get_by_label(LABOUR_LIST).check()
    page.get_by_role("button", name="Start a screening here").click()
    page.wait_for_url(re.compile(r"/screenings/S-"))
    for key, value in answers.items():
        answer_indicator(page, key, value)
    page.get_by_role("button", name="Finish and see the result").click()
    page.wait_for_load_state()


def test_tip_to_inspection_to_coverage(
    open_page: Callable[..., Any],
    browser: Any,
    live_server: Any,
    make_user: Callable[..., User],
    agency: Callable[[str], Agency],
    screenshot_folder: Path,
) -> None:
    make_user("operator", "hotline", "screener", password=PASSWORD)
    make_user("inspector", "labour", "screener", password=PASSWORD)
    make_user("secretary", "secretariat", "analyst", password=PASSWORD)
    measure = plan_with_bound_indicators(agency("labour"))
    base = live_server.url

    send_a_public_tip(browser, base)
    tip = Tip.objects.get()
    assert tip.channel == "web"

    hotline = open_page()
    log_in(hotline, base, "operator")
    hotline.goto(f"{base}/committee/tips/")
    hotline.get_by_role("link", name=tip.reference).click()
    hotline.get_by_text("Rua Sintetica 8").wait_for()  # the click navigates; wait for the tip page
    hotline.get_by_label("Forward to").select_option(label="Labour inspectorate")
    hotline.get_by_role("button", name="Forward").click()
    hotline.wait_for_load_state()
    save_screenshot(hotline, screenshot_folder, "committee-1-tip-forwarded")
    tip.refresh_from_db()
    assert tip.forwarded_to == agency("labour")
    assert tip.first_action_at is not None

    inspector = open_page()
    log_in(inspector, base, "inspector")
    inspector.get_by_role("link", name=tip.reference).click()  # on the home page's work list
    inspector.get_by_role("link", name="Record an inspection prompted by this tip").click()
    inspector.get_by_label("Kind").select_option("labour")
    inspector.get_by_label("Date").fill(str(timezone.localdate()))
    inspector.get_by_label("Place").fill("Residential flat, district 2")
    inspector.get_by_label("Sector").select_option("domestic_work")
    inspector.get_by_label("Workers met").fill("2")
    inspector.get_by_role("button", name="Save").click()
    inspector.wait_for_url(re.compile(r"/committee/inspections/IN-"))
    inspection = Inspection.objects.get()
    assert inspection.tip == tip
    inspection_url = inspector.url

    screen_here(inspector, PRESUMED_VICTIM)
    inspector.get_by_text("Presumed victim — refer").first.wait_for()
    inspector.goto(inspection_url)
    screen_here(inspector, {})
    inspector.goto(inspection_url)
    save_screenshot(inspector, screenshot_folder, "committee-2-inspection-screenings")
    outcomes = sorted(Screening.objects.values_list("outcome", flat=True))
    assert outcomes == ["not_indicated", "presumed_victim"]

    period = quarter_of(timezone.localdate()).code
    secretary = open_page()
    log_in(secretary, base, "secretary")
    secretary.goto(f"{base}/committee/coverage/?period={period}")
    row = secretary.locator('tr[data-sector="domestic_work"]')
    assert row.locator("td.screened").inner_text() == "2"
    assert "20 %" in row.inner_text()  # 2 of the plan's 10
    save_screenshot(secretary, screenshot_folder, "committee-3-coverage")
    secretary.goto(f"{base}/committee/plan/{measure.reference}/")
    actuals = secretary.locator(f'td[data-indicator-actual="{period}"]')
    assert actuals.nth(0).inner_text() == "2"
    assert actuals.nth(1).inner_text() == "1"
    save_screenshot(secretary, screenshot_folder, "committee-4-plan-indicators")
