"""Documents attached to a victim case: content encrypted at rest, original name encrypted too."""

from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.cipher import decrypt_bytes, encrypt_bytes
from palermo.privacy.fields import EncryptedTextField

if TYPE_CHECKING:
    from palermo.accounts.models import User
    from palermo.registry.models import VictimCase


class DocumentType(models.TextChoices):
    PDF = "application/pdf", _("PDF document")
    JPEG = "image/jpeg", _("JPEG image")
    PNG = "image/png", _("PNG image")


EXTENSIONS: dict[str, str] = {
    DocumentType.PDF: "pdf",
    DocumentType.JPEG: "jpg",
    DocumentType.PNG: "png",
}


class Document(models.Model):
    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="documents"
    )
    # The file's own name often says whose it is ("passport-<name>.pdf"): personal data.
    original_name = EncryptedTextField(_("file name"), blank=True, max_length=255)
    content_type = models.CharField(_("type"), max_length=40, choices=DocumentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    content = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} document {self.pk}"

    @classmethod
    @transaction.atomic
    def store(
        cls, case: "VictimCase", data: bytes, content_type: str, original_name: str, by: "User"
    ) -> "Document":
        document = cls.objects.create(
            case=case,
            original_name=original_name,
            content_type=content_type,
            size=len(data),
            content=encrypt_bytes(data, content_context(case.reference)),
            uploaded_by=by,
        )
        record_event(
            by,
            "document_uploaded",
            "victim_case",
            case.reference,
            changes={"document": document.pk},
        )
        return document

    # Key rotation finds encrypted binary columns through this name (see privacy.rotation).
    encrypted_binary_field = "content"

    def read_content(self) -> bytes:
        return decrypt_bytes(bytes(self.content), content_context(self.case.reference))

    def reencrypt_content(self) -> None:
        """Seal the same bytes again under the current primary key."""
        sealed = encrypt_bytes(self.read_content(), content_context(self.case.reference))
        Document.objects.filter(pk=self.pk).update(content=sealed)

    def download_name(self) -> str:
        """A generic name: the original one is personal data and never leaves in a header."""
        return f"{self.case.reference}-document-{self.pk}.{EXTENSIONS[self.content_type]}"


def content_context(case_reference: str) -> str:
    # Binding the ciphertext to its case: bytes copied into another case's row do not decrypt.
    return f"registry.document.content:{case_reference}"
