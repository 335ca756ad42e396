"""Documents attached to a victim case: content encrypted at rest, original name encrypted too."""

from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.files import EXTENSIONS, EncryptedFile, FileType

__all__ = ["EXTENSIONS", "Document", "DocumentType", "content_context"]

if TYPE_CHECKING:
    from palermo.accounts.models import User
    from palermo.registry.models import VictimCase


# Kept under their earlier names for the upload form and older imports.
DocumentType = FileType


class Document(EncryptedFile):
    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="documents"
    )
    download_word = "document"

    class Meta(EncryptedFile.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.case} document {self.pk}"

    @classmethod
    @transaction.atomic
    def store(
        cls, case: "VictimCase", data: bytes, content_type: str, original_name: str, by: "User"
    ) -> "Document":
        document = cls(
            case=case, original_name=original_name, content_type=content_type, uploaded_by=by
        )
        document.seal(data)
        document.save()
        record_event(
            by,
            "document_uploaded",
            "victim_case",
            case.reference,
            changes={"document": document.pk},
        )
        return document

    def owner_reference(self) -> str:
        return self.case.reference

    def sealing_context(self) -> str:
        return content_context(self.case.reference)


def content_context(case_reference: str) -> str:
    # Binding the ciphertext to its case: bytes copied into another case's row do not decrypt.
    return f"registry.document.content:{case_reference}"
