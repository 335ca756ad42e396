"""A stored document handed to its reader: decrypted, under a generic name, the reading audited
(the case file's download link and the API both answer with this; under an emergency grant the
entry points at the grant, as the case file's does)."""

from django.http import HttpResponse

from palermo.accounts.models import User
from palermo.registry.access import record_case_read
from palermo.registry.models import Document


def as_download(document: Document, user: User) -> HttpResponse:
    """The decrypted file under its generic name, the reading audited (the page and the API)."""
    reference = f"{document.case.reference}/{document.pk}"
    record_case_read(user, document.case, object_type="document", object_ref=reference)
    response = HttpResponse(document.read_content(), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.download_name()}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
