"""A victim case's documents: listed, downloaded decrypted (each download audited) and uploaded
through the page's own form (type and size checked, stored encrypted)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, Query, Router, Status, UploadedFile

from palermo.api.errors import check
from palermo.api.lists import paginated
from palermo.api.routers.registry_paging import PageIn
from palermo.api.security import caller
from palermo.registry.access import victim_case_for, victim_case_read_by, victim_case_to_act_on
from palermo.registry.downloads import as_download
from palermo.registry.forms import DocumentForm
from palermo.registry.models import Document

router = Router(tags=["victim cases"])


@router.get("/victim-cases/{reference}/documents/", url_name="documents")
def documents(request: HttpRequest, reference: str, paging: Query[PageIn]) -> dict[str, Any]:
    """The case's documents, newest first, without their content."""
    # The original file names are personal data, shown on the case file only: so audited alike.
    case = victim_case_read_by(caller(request), reference)
    listed = case.documents.select_related("case", "uploaded_by").defer("content")
    return paginated(listed, paging.page, document_item)


@router.post(
    "/victim-cases/{reference}/documents/",
    url_name="documents",
    response={201: dict[str, Any]},
)
def upload_document(request: HttpRequest, reference: str, file: File[UploadedFile]) -> Status[Any]:
    """A PDF, JPEG or PNG file (multipart field `file`), stored encrypted."""
    case = victim_case_to_act_on(caller(request), reference)
    form = DocumentForm({}, {"file": file}, prefix=None)
    check(form)
    return Status(201, document_item(form.store_for(case, caller(request))))


@router.get("/victim-cases/{reference}/documents/{pk}/", url_name="document")
def download_document(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The document's bytes, under a generic file name; each download is audited."""
    case = victim_case_for(caller(request), reference)
    document = case.documents.filter(pk=pk).first()
    if document is None:
        raise Http404
    return as_download(document, caller(request))


def document_item(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk,
        "case": document.case.reference,
        "kind": document.content_type,
        "filename": document.original_name,
        "size": document.size,
        "uploaded_at": document.uploaded_at.isoformat(),
        "uploaded_by": document.uploaded_by.username,
    }
