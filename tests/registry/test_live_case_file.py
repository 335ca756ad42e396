"""The case file updates in place (htmx): forms swap the file, redirects away leave the page."""

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.registry.models import Referral, VictimCase


def htmx_headers(page: str) -> dict[str, str]:
    return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"}


def test_every_form_on_the_case_file_is_sent_by_htmx_into_the_file(
    client: Client, consented_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    page = client.get(reverse("registry:case_detail", args=[consented_case.reference]))

    html = page.content.decode()
    live_file = re.search(r'<div id="case-file"[^>]*>', html)
    assert live_file is not None
    assert 'hx-select="#case-file"' in live_file.group(0)
    assert 'hx-select-oob="#messages:innerHTML"' in live_file.group(0)
    posts = re.findall(r'<form method="post"[^>]*>', html.split('id="case-file"', 1)[1])
    assert len(posts) >= 5
    assert all('hx-boost="true"' in form for form in posts)


def test_a_form_that_comes_back_to_the_case_file_is_followed_by_htmx(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(owner)
    case_page = reverse("registry:case_detail", args=[welfare_case.reference])
    data = {
        "service-kind": "shelter",
        "service-provider": agency("shelter-ngo").pk,
        "service-started_on": "2026-01-05",
    }

    response = client.post(
        reverse("registry:service_add", args=[welfare_case.reference]),
        data,
        headers=htmx_headers(case_page),
    )

    assert response.status_code == 302
    assert response["Location"].startswith(case_page)
    assert "HX-Redirect" not in response


def test_a_form_that_leads_away_from_the_case_file_sends_the_browser_there(
    client: Client, consented_case: VictimCase, owner: User, make_user: Callable[..., User]
) -> None:
    receiver = make_user("receiver", "shelter-ngo", "case_worker")
    referral = Referral.send(consented_case, receiver.agency, "shelter", owner)
    referral.answer(True, receiver)
    client.force_login(receiver)
    case_page = reverse("registry:case_detail", args=[consented_case.reference])

    response = client.post(
        reverse("registry:referral_end", args=[consented_case.reference, referral.pk]),
        headers=htmx_headers(case_page),
    )

    # The receiving agency loses sight of the case: the whole page goes to its referral list.
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("registry:referral_list")
    assert response.content == b""


def test_an_expired_session_sends_the_browser_to_the_login_page(
    client: Client, welfare_case: VictimCase
) -> None:
    case_page = reverse("registry:case_detail", args=[welfare_case.reference])

    response = client.post(
        reverse("registry:service_add", args=[welfare_case.reference]),
        headers=htmx_headers(case_page),
    )

    assert response["HX-Redirect"].startswith(reverse("login"))


def test_a_page_load_is_redirected_as_usual(client: Client, welfare_case: VictimCase) -> None:
    response = client.post(reverse("registry:service_add", args=[welfare_case.reference]))

    assert response.status_code == 302
    assert "HX-Redirect" not in response
