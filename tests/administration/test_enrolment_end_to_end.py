"""An account an administrator creates really lets the person in: link, password, new key, code."""

import re
from urllib.parse import urlparse

import pyotp
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User

PASSWORD = "a-long-initial-passphrase-7"


def enrol_with(link: str, username: str) -> Client:
    person = Client()
    person.get(urlparse(link).path)
    answer = person.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert answer["Location"] == reverse("enrol")
    secret = User.objects.get(username=username).totp_secret
    person.post(reverse("enrol"), {"code": pyotp.TOTP(secret).now()})
    return person


def link_in(page: bytes) -> str:
    found = re.search(r'<code id="enrolment-link" class="token">([^<]+)</code>', page.decode())
    assert found, "the page shows the link"
    return found.group(1)


def test_a_created_account_enrols_and_logs_in_then_re_enrols_after_a_reset(
    admin_client: Client,
) -> None:
    welfare = Agency.objects.get(code="welfare")
    created = admin_client.post(
        reverse("administration:new_person"),
        {
            "username": "newcomer",
            "password": PASSWORD,
            "agency": welfare.pk,
            "roles": ["case_worker"],
        },
    )
    person = enrol_with(link_in(created.content), "newcomer")

    assert person.get(reverse("registry:case_list")).status_code == 200
    user = User.objects.get(username="newcomer")
    assert user.totp_confirmed
    assert not user.enrolment_digest

    reset = admin_client.post(
        reverse("administration:second_factor", args=[user.pk]), {"reason": "new phone"}
    )
    assert person.get(reverse("registry:case_list")).status_code == 302  # logged out
    again = enrol_with(link_in(reset.content), "newcomer")
    assert again.get(reverse("registry:case_list")).status_code == 200
