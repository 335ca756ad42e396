"""A case's documents through the API: listed without content, uploaded through the page's form
(type and size checked, stored encrypted), downloaded decrypted with the download audited."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.registry.models import Document, VictimCase
from tests.api.program import Headers
from tests.registry.sample_files import pdf

PDF = pdf("Passport of the person")


@pytest.fixture
def document(case: VictimCase, worker: User) -> Document:
    return Document.store(case, PDF, "application/pdf", "passport-ana.pdf", worker)


def upload(
    program: Client, case: VictimCase, headers: dict[str, str], name: str, data: bytes
) -> Any:
    return program.post(
        reverse("api:documents", args=[case.reference]),
        {"file": SimpleUploadedFile(name, data)},
        headers=headers,
    )


def download(program: Client, document: Document, headers: dict[str, str]) -> Any:
    args = [document.case.reference, document.pk]
    return program.get(reverse("api:document", args=args), headers=headers)


def test_the_list_gives_metadata_only_and_is_audited_as_a_read_of_the_case(
    program: Client, case: VictimCase, document: Document, worker: User, bearer: Headers
) -> None:
    response = program.get(reverse("api:documents", args=[case.reference]), headers=bearer(worker))

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": document.pk,
            "case": case.reference,
            "kind": "application/pdf",
            "filename": "passport-ana.pdf",
            "size": len(PDF),
            "uploaded_at": document.uploaded_at.isoformat(),
            "uploaded_by": worker.username,
        }
    ]
    assert "Passport of" not in response.content.decode()
    fold_pending_reads()  # reads reach the chain at the next fold
    assert AuditEntry.objects.filter(
        action="read", object_type="victim_case", object_ref=case.reference
    ).exists()


def test_a_download_gives_the_decrypted_bytes_under_a_generic_name_and_is_audited(
    program: Client, document: Document, worker: User, bearer: Headers
) -> None:
    response = download(program, document, bearer(worker))

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.download_name()}"'
    assert "ana" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    fold_pending_reads()  # reads reach the chain at the next fold
    audit = AuditEntry.objects.get(action="read", object_type="document")
    assert audit.object_ref == f"{document.case.reference}/{document.pk}"


def test_an_outsider_neither_lists_nor_downloads(
    program: Client, case: VictimCase, document: Document, outsider: User, bearer: Headers
) -> None:
    listed = program.get(reverse("api:documents", args=[case.reference]), headers=bearer(outsider))
    fetched = download(program, document, bearer(outsider))

    assert (listed.status_code, fetched.status_code) == (404, 404)
    fold_pending_reads()  # reads reach the chain at the next fold
    assert not AuditEntry.objects.filter(action="read").exists()


def test_a_document_of_another_case_is_not_found_through_this_one(
    program: Client, case: VictimCase, document: Document, worker: User, bearer: Headers
) -> None:
    other = VictimCase.objects.create(
        person=case.person, owning_agency=worker.agency, opened_by=worker
    )

    response = program.get(
        reverse("api:document", args=[other.reference, document.pk]), headers=bearer(worker)
    )

    assert response.status_code == 404


def test_a_pdf_is_uploaded_and_stored_encrypted(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = upload(program, case, bearer(worker), "scan.pdf", PDF)

    assert response.status_code == 201
    stored = Document.objects.get(pk=response.json()["id"])
    assert (stored.case, stored.content_type, stored.original_name) == (
        case,
        "application/pdf",
        "scan.pdf",
    )
    assert stored.read_content() == PDF
    assert PDF not in bytes(stored.content)
    assert AuditEntry.objects.get(action="document_uploaded").changes == {"document": stored.pk}


def test_a_file_that_is_not_what_its_name_says_is_refused(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = upload(program, case, bearer(worker), "scan.pdf", b"MZ\x90\x00 not a pdf")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert not Document.objects.exists()


@override_settings(PALERMO_MAX_UPLOAD_BYTES=16)
def test_a_file_over_the_limit_is_refused(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = upload(program, case, bearer(worker), "scan.pdf", PDF)

    assert response.status_code == 422
    assert "too big" in response.json()["detail"][0]["msg"]
    assert not Document.objects.exists()


def test_a_screener_may_download_but_not_upload(
    program: Client,
    case: VictimCase,
    document: Document,
    make_user: Callable[..., User],
    bearer: Headers,
) -> None:
    screener = make_user("screener", "welfare", "screener")
    VictimCase.objects.filter(pk=case.pk).update(opened_by=screener)

    fetched = download(program, document, bearer(screener))
    sent = upload(program, case, bearer(screener), "scan.pdf", PDF)

    assert (fetched.status_code, sent.status_code) == (200, 403)
    assert Document.objects.count() == 1
