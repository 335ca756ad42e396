"""The committee's pages pass axe-core's WCAG 2.1 A and AA checks, in English on a laptop and in
Traditional Chinese on a phone, filled from the synthetic demo world; so does the public tip form
(no login) in all three languages."""

from collections.abc import Callable
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.coordination.models import Inspection, Measure, Meeting, Tip
from palermo.core.demo import seed_demo
from tests.browser.pages import PASSWORD, choose_language, log_in
from tests.browser.test_accessibility import overflow_on, violations_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def committee_pages() -> dict[str, list[tuple[str, str]]]:
    measure = Measure.objects.filter(lead_agency__kind="labour").order_by("pk").first()
    meeting = Meeting.objects.order_by("pk").first()
    inspection = Inspection.objects.filter(agency__kind="labour").order_by("pk").first()
    tip = Tip.objects.order_by("pk").first()
    assert measure is not None
    assert meeting is not None
    assert inspection is not None
    assert tip is not None
    return {
        "labour": [
            ("dashboard with action items", "/"),
            ("plan", "/committee/plan/"),
            ("measure", f"/committee/plan/{measure.reference}/"),
            ("meetings", "/committee/meetings/"),
            ("meeting", f"/committee/meetings/{meeting.reference}/"),
            ("inspections", "/committee/inspections/"),
            ("inspection", f"/committee/inspections/{inspection.reference}/"),
            ("new inspection", "/committee/inspections/new/"),
            ("campaigns", "/committee/campaigns/"),
            ("trainings", "/committee/trainings/"),
            ("coverage", "/committee/coverage/"),
        ],
        "hotline": [
            ("tip queue", "/committee/tips/"),
            ("tip", f"/committee/tips/{tip.reference}/"),
            ("record a call", "/committee/tips/call/"),
        ],
        "analyst": [
            ("plan report", "/committee/plan/report/"),
            ("new measure", "/committee/plan/new/"),
            ("new meeting", "/committee/meetings/new/"),
        ],
    }


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("zh-hant", 360)])
def test_committee_pages_pass_axe(
    open_page: Callable[..., Any], live_server: Any, language: str, width: int
) -> None:
    seed_demo(persons=20)
    for user in User.objects.filter(username__in=["labour", "hotline", "analyst"]):
        user.set_password(PASSWORD)
        user.save()
    found: list[str] = []
    for username, pages in committee_pages().items():
        page = open_page(width)
        log_in(page, live_server.url, username)
        choose_language(page, language)
        for name, path in pages:
            page.goto(f"{live_server.url}{path}")
            found += violations_on(page, name) + overflow_on(page, name, width)
    assert not found, "\n".join(found)


def test_the_public_tip_form_passes_axe_in_three_languages(
    open_page: Callable[..., Any], live_server: Any
) -> None:
    found: list[str] = []
    page = open_page(360)
    for language in ("en", "zh-hant", "pt"):
        page.goto(f"{live_server.url}/tip/")
        choose_language(page, language)
        found += violations_on(page, f"tip form {language}") + overflow_on(page, "tip", 360)
    assert not found, "\n".join(found)
