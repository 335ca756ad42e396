"""The whole journey of issue 5 in a real browser: a screener finds a presumed victim, opens the
case and refers it to an NGO; the NGO's case worker accepts and sees the case; an outsider agency
gets 404 on the same address; the case reads in Traditional Chinese and Portuguese."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from palermo.accounts.models import Agency, User
from palermo.registry.models import Referral, VictimCase
from tests.browser.pages import (
    PASSWORD,
    answer_indicator,
    choose_language,
    log_in,
    save_screenshot,
)
from tests.screenings import PRESUMED_VICTIM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screen_to_presumed_victim_and_refer(page: Any, base: str, ngo_pk: int) -> VictimCase:
    page.goto(f"{base}/screenings/new/")
    page.get_by_label("Adults — trafficking for labour exploitation").check()
    page.get_by_role("button", name="Start the screening").click()
    page.wait_for_url(re.compile(r"/screenings/S-"))
    for key, value in PRESUMED_VICTIM.items():
        answer_indicator(page, key, value)
    page.get_by_role("button", name="Finish and see the result").click()
    page.get_by_text("Presumed victim — refer").wait_for()
    page.get_by_role("link", name="Open a victim case and refer").click()
    page.get_by_label("Given name").fill("Maria")
    page.get_by_label("Family name").fill("Sintetica")
    page.get_by_label("Nationality").fill("VN")
    page.get_by_label("The person consents to referral to services").check()
    page.get_by_label("How consent was given").select_option("written")
    page.get_by_label("Receiving agency").select_option(str(ngo_pk))
    page.get_by_label("Service", exact=True).select_option("shelter")
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url(re.compile(r"/cases/VC-"))
    return VictimCase.objects.get()


def test_screen_refer_accept_and_keep_outsiders_out(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    agency: Callable[[str], Agency],
    screenshot_folder: Path,
) -> None:
    make_user("screener", "police", "screener", password=PASSWORD)
    make_user("ngo", "shelter-ngo", "case_worker", password=PASSWORD)
    make_user("outsider", "labour", "case_worker", password=PASSWORD)
    base = live_server.url

    screener_page = open_page()
    log_in(screener_page, base, "screener")
    case = screen_to_presumed_victim_and_refer(screener_page, base, agency("shelter-ngo").pk)
    save_screenshot(screener_page, screenshot_folder, "journey-1-case-opened")
    case_url = f"{base}/cases/{case.reference}/"

    ngo_page = open_page()
    log_in(ngo_page, base, "ngo")
    assert ngo_page.goto(case_url).status == 404  # not before the referral is accepted
    ngo_page.goto(f"{base}/cases/referrals/")
    save_screenshot(ngo_page, screenshot_folder, "journey-2-referral-to-accept")
    ngo_page.get_by_role("button", name=f"Accept {case.reference}").click()
    ngo_page.wait_for_load_state()
    assert Referral.objects.get(case=case).status == "accepted"
    response = ngo_page.goto(case_url)
    assert response.status == 200
    assert ngo_page.get_by_text("Maria").first.is_visible()
    assert "Maria" not in ngo_page.title()
    save_screenshot(ngo_page, screenshot_folder, "journey-3-ngo-sees-case")

    outsider_page = open_page()
    log_in(outsider_page, base, "outsider")
    assert outsider_page.goto(case_url).status == 404
    save_screenshot(outsider_page, screenshot_folder, "journey-4-outsider-404")

    choose_language(ngo_page, "zh-hant")
    ngo_page.goto(case_url)
    save_screenshot(ngo_page, screenshot_folder, "journey-5-case-zh-hant")
    assert ngo_page.locator("html").get_attribute("lang") == "zh-Hant"
    assert ngo_page.get_by_role("heading", name=heading_in("zh-hant", "Consent")).is_visible()
    choose_language(ngo_page, "pt")
    ngo_page.goto(case_url)
    save_screenshot(ngo_page, screenshot_folder, "journey-6-case-pt")
    assert ngo_page.locator("html").get_attribute("lang") == "pt"
    assert ngo_page.get_by_role("heading", name=heading_in("pt", "Consent")).is_visible()


def heading_in(language: str, english: str) -> str:
    """The catalogue's translation, so the test follows the translators, not a copy of them."""
    with translation.override(language):
        translated = translation.gettext(english)
    assert translated != english, f"no {language} translation of {english!r}"
    return translated
