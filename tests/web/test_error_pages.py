"""Error pages are the application's own: translated, styled, and silent about the request."""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.accounts.models import User


def test_a_missing_case_gives_our_own_page_which_does_not_echo_the_address(
    client: Client, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user("worker", "welfare", "case_worker"))

    response = client.get("/cases/VC-NOSUCH-PROBE/")

    assert response.status_code == 404
    main = response.content.decode().split('<main id="main"', 1)[1]
    assert "Page not found" in main
    assert "Back to my work" in main
    assert "NOSUCH-PROBE" not in main


def test_a_refused_action_gives_our_own_page_in_the_users_language(
    client: Client, make_user: Callable[..., User]
) -> None:
    analyst = make_user("analyst", "secretariat", "analyst")
    analyst.language = "pt"
    analyst.save()
    client.force_login(analyst)

    response = client.get(reverse("screening:new"))

    assert response.status_code == 403
    with translation.override("pt"):
        heading = translation.gettext("You may not do this")
    assert heading != "You may not do this"
    assert heading in response.content.decode()


def test_a_form_without_its_csrf_token_explains_what_to_do(
    make_user: Callable[..., User],
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("worker", "welfare", "case_worker"))

    response = client.post(reverse("screening:new"), {})

    assert response.status_code == 403
    page = response.content.decode()
    assert "The form has expired" in page
    assert "reload the page" in page


def test_the_server_error_page_renders_without_a_request() -> None:
    with translation.override("en"):  # no request, so no language but the one we set
        page = render_to_string("500.html")

    assert "Something went wrong" in page
    assert "palermo.css" in page
