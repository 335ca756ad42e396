"""The application serves its own CSS and JavaScript (WhiteNoise), with DEBUG off as in tests."""

from django.conf import settings
from django.test import Client


def test_static_files_are_served_without_debug(client: Client) -> None:
    assert not settings.DEBUG

    response = client.get("/static/palermo/palermo.css")

    assert response.status_code == 200
    assert b"focus-visible" in b"".join(response.streaming_content)  # type: ignore[attr-defined]
