"""The case list filters as the filters change (htmx): no page load, the address keeps the
filters, and the count of results is announced."""

from collections.abc import Callable
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.registry.models import Person, VictimCase
from tests.browser.pages import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_cases(owner: User, stages: list[str]) -> list[VictimCase]:
    return [
        VictimCase.objects.create(
            person=Person.objects.create(given_name="N", recorded_by_agency=owner.agency),
            owning_agency=owner.agency,
            opened_by=owner,
            stage=stage,
        )
        for stage in stages
    ]


def test_choosing_a_stage_filters_the_list_in_place(
    open_page: Callable[..., Any], live_server: Any, make_user: Callable[..., User]
) -> None:
    owner = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    referred, identified, _ = open_cases(owner, ["referred", "identified", "identified"])
    page = open_page()
    log_in(page, live_server.url, "worker")
    page.goto(f"{live_server.url}/cases/")
    page.evaluate("window.sameDocument = true")
    page.locator("#case-results").get_by_text("3 cases found").wait_for()

    page.get_by_label("Stage").select_option("identified")

    page.locator("#case-results").get_by_text("2 cases found").wait_for()
    results = page.locator("#case-results")
    assert results.get_by_role("link", name=identified.reference).is_visible()
    assert results.get_by_role("link", name=referred.reference).count() == 0
    assert "stage=identified" in page.url
    assert page.evaluate("window.sameDocument") is True

    page.go_back()
    page.locator("#case-results").get_by_text("3 cases found").wait_for()
