"""The whole file is checked with a library made for its format: polyglots and active PDFs are
refused, images are stored re-encoded (nothing but pixels survives)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.registry.models import Document, VictimCase
from tests.registry.sample_files import PDF_WITH_HTML, PNG_WITH_SCRIPT, image, pdf

HOSTILE = {
    "pdf-openaction-javascript": ("scan.pdf", pdf(javascript=True)),
    "pdf-embedded-html": ("scan.pdf", pdf(embedded=True)),
    "pdf-html-polyglot": ("scan.pdf", PDF_WITH_HTML),
    "pdf-header-then-garbage": ("scan.pdf", b"%PDF-1.7\n" + b"\x00" * 64),
    "png-header-then-garbage": ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "jpeg-header-then-garbage": ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
    "png-named-jpeg": ("a.jpg", image("PNG")),
}


def upload(client: Client, case: VictimCase, name: str, content: bytes) -> Any:
    return client.post(
        reverse("registry:document_upload", args=[case.reference]),
        {"document-file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(("name", "content"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_files_are_refused_and_nothing_is_stored(
    client: Client, welfare_case: VictimCase, owner: User, name: str, content: bytes
) -> None:
    client.force_login(owner)

    response = upload(client, welfare_case, name, content)

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_an_image_with_a_script_appended_is_stored_as_pixels_only(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = upload(client, welfare_case, "a.png", PNG_WITH_SCRIPT)

    assert response.status_code == 302
    stored = Document.objects.get().read_content()
    assert stored.startswith(b"\x89PNG")
    assert b"<script>" not in stored
