"""Documents: type and size checked, content and name encrypted at rest, downloads audited."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.privacy.cipher import DecryptionError, decrypt_bytes, encrypt_bytes
from palermo.registry.models import Document, VictimCase
from tests.registry.sample_files import image, pdf

SECRET = b"Passport of the person, number K7654321"
PDF = pdf(SECRET.decode())
PNG = image("PNG")
JPEG = image("JPEG")


def upload(client: Client, case: VictimCase, name: str, content: bytes) -> Any:
    return client.post(
        reverse("registry:document_upload", args=[case.reference]),
        {"document-file": SimpleUploadedFile(name, content)},
    )


def download_url(case: VictimCase, document: Document) -> str:
    return reverse("registry:document_download", args=[case.reference, document.pk])


@pytest.fixture
def document(welfare_case: VictimCase, owner: User) -> Document:
    return Document.store(welfare_case, PDF, "application/pdf", "passport-chanwright.pdf", owner)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", PDF, "application/pdf"),
        ("a.PNG", PNG, "image/png"),
        ("b.jpeg", JPEG, "image/jpeg"),
    ],
)
def test_pdf_jpeg_and_png_files_are_stored(
    client: Client, welfare_case: VictimCase, owner: User, name: str, content: bytes, kind: str
) -> None:
    client.force_login(owner)

    response = upload(client, welfare_case, name, content)

    assert response.status_code == 302
    stored = Document.objects.get()
    assert (stored.content_type, stored.size, stored.original_name) == (kind, len(content), name)
    assert stored.read_content() == content


def test_content_and_file_name_are_encrypted_at_rest(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    upload(client, welfare_case, "passport-chanwright.pdf", PDF)

    with connection.cursor() as cursor:
        cursor.execute("SELECT content, original_name FROM registry_document")
        content, name = cursor.fetchone()
    assert SECRET not in bytes(content)
    assert b"%PDF" not in bytes(content)
    assert "chanwright" not in name


@override_settings(PALERMO_MAX_UPLOAD_BYTES=64)
def test_a_file_over_the_limit_is_refused(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = upload(client, welfare_case, "big.pdf", PDF + b"0" * 64)

    assert response.status_code == 400
    assert "The file is too big" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", b"plain text"),
        ("fake.pdf", b"MZ\x90\x00 an executable"),
        ("image.png", PDF),  # a real PDF, but not what its name claims
        ("noextension", PDF),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(
    client: Client, welfare_case: VictimCase, owner: User, name: str, content: bytes
) -> None:
    client.force_login(owner)

    response = upload(client, welfare_case, name, content)

    assert response.status_code == 400
    assert "Only PDF, JPEG and PNG files" in response.content.decode()
    assert not Document.objects.exists()


def test_outsiders_cannot_upload(client: Client, welfare_case: VictimCase, outsider: User) -> None:
    client.force_login(outsider)

    response = upload(client, welfare_case, "scan.pdf", PDF)

    assert response.status_code == 404
    assert not Document.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("colleague", 200), ("outsider", 404)])
def test_downloads_go_through_the_case_access(
    client: Client,
    welfare_case: VictimCase,
    document: Document,
    request: pytest.FixtureRequest,
    who: str,
    status: int,
) -> None:
    client.force_login(request.getfixturevalue(who))

    response = client.get(download_url(welfare_case, document))

    assert response.status_code == status
    fold_pending_reads()  # reads reach the chain at the next fold
    audited = AuditEntry.objects.filter(action="read", object_type="document")
    assert audited.count() == (1 if status == 200 else 0)


def test_a_download_is_an_attachment_under_a_generic_name(
    client: Client, welfare_case: VictimCase, document: Document, owner: User
) -> None:
    client.force_login(owner)

    response = client.get(download_url(welfare_case, document))

    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == (
        f'attachment; filename="{welfare_case.reference}-document-{document.pk}.pdf"'
    )
    assert "chanwright" not in disposition


def test_a_document_of_another_case_is_not_found_through_this_one(
    client: Client, welfare_case: VictimCase, document: Document, owner: User
) -> None:
    other = VictimCase.objects.create(
        person=welfare_case.person, owning_agency=owner.agency, opened_by=owner
    )
    client.force_login(owner)

    response = client.get(download_url(other, document))

    assert response.status_code == 404


def test_the_case_file_lists_documents_with_their_name(
    client: Client, welfare_case: VictimCase, document: Document, owner: User
) -> None:
    client.force_login(owner)

    page = client.get(reverse("registry:case_detail", args=[welfare_case.reference])).content

    assert b"passport-chanwright.pdf" in page
    assert download_url(welfare_case, document).encode() in page


def test_bytes_encrypt_and_decrypt_under_their_context_only() -> None:
    token = encrypt_bytes(SECRET, "ctx:a")

    assert token.startswith(b"v1:")
    assert SECRET not in token
    assert decrypt_bytes(token, "ctx:a") == SECRET
    with pytest.raises(DecryptionError):
        decrypt_bytes(token, "ctx:b")
    with pytest.raises(DecryptionError):
        decrypt_bytes(token[:-1] + bytes([token[-1] ^ 1]), "ctx:a")
