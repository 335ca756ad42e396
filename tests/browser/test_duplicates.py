"""In the browser: the duplicate warning when a known person is entered again (and linking the
new case to them), and a merge of two records of one person undone again."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from palermo.accounts.models import User
from palermo.registry.models import IdentityChange, Person, VictimCase
from tests.browser.pages import PASSWORD, log_in, save_screenshot
from tests.registry.duplicates_world import lan_on_record, presumed_victim_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_entering_a_known_person_again_warns_and_links_the_case(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    screener = make_user("screener", "police", "screener", password=PASSWORD)
    known = lan_on_record(screener)
    screening = presumed_victim_screening(screener)
    page = open_page()
    log_in(page, live_server.url, "screener")
    page.goto(f"{live_server.url}/screenings/{screening.reference}/open-case/")

    page.get_by_label("Given name").fill("Nguyen")
    page.get_by_label("Family name").fill("Thi Lan")
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("Estimated age").fill("24")
    page.get_by_label("Nationality").fill("VN")
    page.get_by_label("Refer now").uncheck()
    page.get_by_role("button", name="Open the case").click()

    warning = page.locator("#likely-matches")
    warning.get_by_text("This person may already be on record").wait_for()
    save_screenshot(page, screenshot_folder, "duplicate-warning")
    assert VictimCase.objects.count() == 1
    warning.get_by_label(f"The same person as {known.person.reference}").check()
    warning.get_by_role("button", name="Continue").click()

    page.wait_for_url(f"{live_server.url}/cases/**")
    new_case = VictimCase.objects.exclude(pk=known.pk).get()
    assert new_case.person == known.person
    assert Person.objects.count() == 1


def test_a_merge_is_undone_from_the_persons_page(
    open_page: Callable[..., Any],
    live_server: Any,
    make_user: Callable[..., User],
    screenshot_folder: Path,
) -> None:
    worker = make_user("worker", "welfare", "case_worker", password=PASSWORD)
    keep, absorb = (
        Person.objects.create(
            given_name=name, family_name="Nguyen", recorded_by_agency=worker.agency
        )
        for name in ("Thi Lan", "Lan")
    )
    kept_case, moved_case = (
        VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)
        for person in (keep, absorb)
    )
    page = open_page()
    log_in(page, live_server.url, "worker")
    page.goto(f"{live_server.url}/cases/{kept_case.reference}/")
    page.locator("#person details.fold > summary").click()  # the section folds under its heading
    page.get_by_role("link", name="Merge or split this person's records").click()

    merge = page.locator("#merge-form")
    merge.get_by_label("Reference of the other record of this person").fill(absorb.reference)
    merge.get_by_label("Why").fill("Same person: the same passport seen at both interviews.")
    merge.get_by_role("button", name="Merge").click()

    page.get_by_text("The records are merged.").wait_for()
    assert moved_case.reference in page.locator("#person-cases").inner_text()
    save_screenshot(page, screenshot_folder, "person-merged")
    page.get_by_role("button", name="Undo").click()

    page.get_by_text("Undone: the records are as they were before.").wait_for()
    assert moved_case.reference not in page.locator("#person-cases").inner_text()
    moved_case.refresh_from_db()
    assert moved_case.person == absorb
    assert IdentityChange.objects.get().is_undone
