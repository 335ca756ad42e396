"""The nationality box: typed in the reader's language, stored as a code, shown as a name."""

from collections.abc import Callable
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.registry.models import Person, VictimCase
from tests.browser.pages import PASSWORD, choose_language, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "typed", "option", "shown"),
    [
        ("en", "Vietnam", "Vietnam", "Vietnam"),
        ("zh-hant", "越南", "越南", "越南"),
        ("pt", "Vietnã", "Vietnã", "Vietnã"),
    ],
)
def test_a_country_typed_in_the_readers_language_is_stored_as_its_code(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    language: str,
    typed: str,
    option: str,
    shown: str,
) -> None:
    worker = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    person = Person.objects.create(given_name="Synthetic", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)
    page = open_page()
    log_in(page, live_server.url, "worker")
    if language != "en":
        choose_language(page, language)

    page.goto(f"{live_server.url}/cases/{case.reference}/person/")
    box = page.locator("input[name=nationality]")
    # The suggestions are the country names in the reader's language.
    suggestions = page.locator(f"datalist#{box.get_attribute('list')} option")
    assert option in suggestions.evaluate_all("options => options.map(o => o.value)")
    box.fill(typed)
    page.locator("textarea[name=reason]").fill("Synthetic correction for the test")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/cases/{case.reference}/**")

    person.refresh_from_db()
    assert person.nationality == "VN"
    assert shown in page.locator("main").inner_text()
    assert "VN" not in page.locator("main").inner_text().split()
