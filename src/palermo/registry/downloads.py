"""A stored document handed to its reader: decrypted, under a generic name, the reading audited
(the case file's download link and the API both answer with this)."""

from django.http import HttpResponse

from palermo.accounts.models import User
from palermo.audit.log import record_read
from palermo.registry.models import Document


def as_download(document: Document, user: User) -> HttpResponse:
    """The decrypted file under its generic name, the reading audited (the page and the API)."""
    record_read(user, "document", f"{document.case.reference}/{document.pk}")
    response = HttpResponse(document.read_content(), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.download_name()}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
