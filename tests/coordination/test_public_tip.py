"""The public tip form under abuse: floods, oversized bodies, script payloads, bytes that are not
UTF-8, robots filling the honeypot, files. Nothing is stored half-way, nothing escapes wrongly."""

from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from palermo.coordination.models import Tip
from palermo.coordination.views.tips import PUBLIC_BODY_LIMIT
from tests.cast import Committee
from tests.coordination.conftest import client_for

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def tip_data(**extra: str) -> dict[str, str]:
    return {"what_seen": "Workers never leave the site (synthetic).", "where": "Block B", **extra}


def send(client: Client, data: dict[str, str]) -> Any:
    """Post as a browser posts this form (it has no file field: urlencoded, not multipart)."""
    return client.post(reverse("tip"), urlencode(data), content_type=FORM)


@pytest.fixture
def public() -> Client:
    return Client(REMOTE_ADDR="203.0.113.7")


def test_a_tip_is_stored_encrypted_and_anonymous_by_default(public: Client) -> None:
    response = send(public, tip_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("tip_thanks")
    tip = Tip.objects.get()
    assert tip.anonymous
    assert tip.channel == "web"
    assert tip.what_seen.startswith("Workers never leave")
    with connection.cursor() as cursor:
        cursor.execute('SELECT what_seen, "where" FROM coordination_tip')
        stored = cursor.fetchone()
    assert "Workers" not in stored[0]
    assert "Block B" not in stored[1]


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Report a concern about trafficking"),
        ("zh-hant", "舉報懷疑販賣人口的情況"),
        ("pt", "Comunicar uma suspeita de tráfico"),
    ],
)
def test_the_form_reads_in_three_languages(public: Client, language: str, heading: str) -> None:
    public.cookies["django_language"] = language
    assert heading in public.get(reverse("tip")).content.decode()
    send(public, tip_data())
    assert Tip.objects.get().language == language


def test_a_contact_makes_the_tip_not_anonymous(public: Client) -> None:
    send(public, tip_data(contact="+853 6000 0000"))
    assert not Tip.objects.get().anonymous


@override_settings(PALERMO_RATES={"public_tip": "3/h"})
def test_a_flood_from_one_address_is_refused(public: Client) -> None:
    statuses = [send(public, tip_data()).status_code for _ in range(6)]
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert int(send(public, tip_data())["Retry-After"]) > 0
    assert Tip.objects.count() == 3
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert send(other, tip_data()).status_code == 302


def test_oversized_fields_are_refused_and_nothing_stored(public: Client) -> None:
    response = send(public, tip_data(what_seen="x" * 3001))
    assert response.status_code == 400
    assert "at most 3000 characters" in response.content.decode()
    assert Tip.objects.count() == 0


def test_an_oversized_body_is_refused_before_it_is_read(public: Client) -> None:
    response = send(public, tip_data(padding="y" * PUBLIC_BODY_LIMIT))
    assert response.status_code == 413
    assert Tip.objects.count() == 0


def test_files_are_refused(public: Client, tmp_path: Any) -> None:
    upload = tmp_path / "photo.jpg"
    upload.write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    with upload.open("rb") as handle:
        response = public.post(reverse("tip"), {**tip_data(), "file": handle})
    assert response.status_code == 413
    assert Tip.objects.count() == 0


def test_the_honeypot_stores_nothing_but_looks_the_same(public: Client) -> None:
    response = send(public, tip_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("tip_thanks")
    assert Tip.objects.count() == 0


def test_bytes_that_are_not_utf8_do_not_break_the_form(public: Client) -> None:
    body = b"what_seen=Workers+\xff\xfe+locked&where=Block+\xc3"
    response = public.post(reverse("tip"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert "Workers" in Tip.objects.get().what_seen


def test_null_characters_are_refused(public: Client) -> None:
    response = send(public, tip_data(where="Block\x00B"))
    assert response.status_code == 400
    assert Tip.objects.count() == 0


def test_script_payloads_are_escaped_on_the_form_and_in_triage(
    public: Client, committee: Committee
) -> None:
    response = send(public, tip_data(what_seen="x" * 3001, where=SCRIPT))
    assert response.status_code == 400
    assert SCRIPT not in response.content.decode()  # the form echoes it back escaped
    send(public, tip_data(what_seen=SCRIPT, where=SCRIPT, when_seen=SCRIPT))
    tip = Tip.objects.get()
    page = client_for(committee.hotline).get(
        reverse("coordination:tip_detail", args=[tip.reference])
    )
    html = page.content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_form_needs_no_login_and_sets_no_cache(public: Client) -> None:
    response = public.get(reverse("tip"))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert 'name="website"' in response.content.decode()


def test_the_csrf_check_still_applies(db: None) -> None:
    strict = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.8")
    assert send(strict, tip_data()).status_code == 403
    assert Tip.objects.count() == 0
    strict.get(reverse("tip"))
    token = strict.cookies["csrftoken"].value
    assert send(strict, tip_data(csrfmiddlewaretoken=token)).status_code == 302
    assert Tip.objects.count() == 1
