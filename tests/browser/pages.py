"""What a person does in the browser, as small named steps shared by the browser tests."""

import re
import time
from pathlib import Path
from typing import Any

import pyotp

PASSWORD = "correct horse battery staple"


def new_page(browser: Any, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    return context.new_page()


def log_in(page: Any, base_url: str, username: str) -> None:
    """Open an enrolment link, give the password, then enrol by the key under the QR code."""
    from palermo.accounts.enrolment import issue_enrolment_link
    from palermo.accounts.models import User

    page.goto(base_url + issue_enrolment_link(User.objects.get(username=username), None))
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    if "/login/enrol/" in page.url:
        secret = page.locator("#totp-secret").inner_text()
        page.get_by_label(re.compile("Six-digit code")).fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Confirm and log in").click()
    else:
        raise AssertionError(f"expected the enrolment page, got {page.url}")
    page.wait_for_url(f"{base_url}/")


def log_in_with_secret(page: Any, base_url: str, username: str, secret: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile("/login/code/"))
    # A code is accepted once: wait for a fresh time step if this user logged in moments ago.
    page.get_by_label(re.compile("Six-digit code")).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")


def choose_language(page: Any, code: str) -> None:
    """Once logged in, the language chooser sits in the account menu: open it first."""
    account = page.locator("header.top details.account")
    if account.count() and not account.evaluate("details => details.open"):
        account.locator("summary").click()
    page.locator("#language-choice").select_option(code)
    page.locator("form.language button").click()
    page.wait_for_load_state()


def save_screenshot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def wait_for_next_time_step() -> None:
    time.sleep(30 - time.time() % 30 + 0.5)


def answer_indicator(page: Any, key: str, value: str) -> None:
    """Tick one answer on the screening form and wait until it says the answer is saved (opening
    the indicator's dimension first: one dimension is open at a time)."""
    section = page.locator("details.dimension", has=page.locator(f'input[name="{key}"]'))
    if section.count() and not section.evaluate("details => details.open"):
        section.locator(":scope > summary").click()
    fieldset = page.locator("fieldset.indicator", has=page.locator(f'input[name="{key}"]'))
    fieldset.locator(f'input[value="{value}"]').check()
    fieldset.locator(".save-status", has_text="Saved").wait_for()
