"""Every kind of page passes axe-core's WCAG 2.1 A and AA checks, in English and in Traditional
Chinese: labels, names, landmarks, contrast, language, keyboard-reachable controls.

The pages are filled from the synthetic demo world, so they hold what real pages hold: tables,
timelines, forms with choices, notices."""

from collections.abc import Callable
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.core.demo import seed_demo
from palermo.justice.models import CriminalCase, JudicialAuthorisation
from palermo.registry.models import VictimCase
from palermo.screening.models import Screening
from tests.browser.pages import PASSWORD, choose_language, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations_on(page: Any, name: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{name}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}: {v['help']}"
        for v in results.response["violations"]
    ]


def pages_of(username: str) -> Callable[[], list[tuple[str, str]]]:
    """The pages each demo user works on, named, as (name, path) pairs."""

    def caseworker() -> list[tuple[str, str]]:
        user = User.objects.get(username="caseworker")
        case = VictimCase.objects.filter(owning_agency=user.agency).order_by("pk").first()
        draft = Screening.objects.filter(status="draft").order_by("pk").first()
        assert case is not None
        assert draft is not None
        return [
            ("dashboard", "/"),
            ("case list", "/cases/"),
            ("case file", f"/cases/{case.reference}/"),
            ("referrals", "/cases/referrals/"),
            ("search", "/cases/search/"),
            ("emergency access", "/cases/emergency-access/"),
            ("new screening", "/screenings/new/"),
            ("screening list", "/screenings/"),
            ("screening form", f"/screenings/{draft.reference}/"),
            ("not found", "/cases/VC-NONE-0000/"),
            ("api tokens", "/account/api-tokens/"),
        ]

    def investigator() -> list[tuple[str, str]]:
        case = CriminalCase.objects.order_by("pk").first()
        assert case is not None
        return [
            ("criminal case list", "/criminal-cases/"),
            ("criminal case file", f"/criminal-cases/{case.reference}/"),
            ("new criminal case", "/criminal-cases/new/"),
        ]

    def judge() -> list[tuple[str, str]]:
        asked = JudicialAuthorisation.objects.order_by("pk").first()
        assert asked is not None
        return [("judge's case file", f"/criminal-cases/{asked.case.reference}/")]

    def auditor() -> list[tuple[str, str]]:
        return [("audit trail", "/audit/")]

    return {
        "caseworker": caseworker,
        "investigator": investigator,
        "judge": judge,
        "auditor": auditor,
    }[username]


def overflow_on(page: Any, name: str, width: int) -> list[str]:
    """Wide tables scroll inside their own box; the page itself never scrolls sideways."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    return [f"{name}: {scroll_width} px wide at {width} px"] if scroll_width > width else []


# English on a laptop, Chinese on a 360 px phone: every page in both.
@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("zh-hant", 360)])
def test_every_page_passes_axe(
    open_page: Callable[..., Any], live_server: Any, language: str, width: int
) -> None:
    seed_demo(persons=40)
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save()
    found: list[str] = []

    anonymous = open_page(width)
    anonymous.goto(f"{live_server.url}/login/")
    found += violations_on(anonymous, "login") + overflow_on(anonymous, "login", width)

    for username in ["caseworker", "investigator", "judge", "auditor"]:
        page = open_page(width)
        log_in(page, live_server.url, username)
        choose_language(page, language)
        for name, path in pages_of(username)():
            page.goto(f"{live_server.url}{path}")
            found += violations_on(page, name) + overflow_on(page, name, width)

    assert not found, "\n".join(found)
