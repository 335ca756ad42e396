"""Files kept inside the database, encrypted: a case's documents, a measure's evidence.

One abstract model holds what every stored file shares: the bytes sealed under the current key and
bound to the record they belong to (bytes copied into another record's row do not decrypt), the
original name encrypted (it often says whose file it is), the checked type and size, and who
uploaded it. Key rotation finds these rows through `encrypted_binary_field`.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.privacy.cipher import decrypt_bytes, encrypt_bytes
from palermo.privacy.fields import EncryptedTextField


class FileType(models.TextChoices):
    PDF = "application/pdf", _("PDF document")
    JPEG = "image/jpeg", _("JPEG image")
    PNG = "image/png", _("PNG image")


EXTENSIONS: dict[str, str] = {FileType.PDF: "pdf", FileType.JPEG: "jpg", FileType.PNG: "png"}


class EncryptedFile(models.Model):
    # The file's own name often says whose it is ("passport-<name>.pdf"): personal data.
    original_name = EncryptedTextField(_("file name"), blank=True, max_length=255)
    content_type = models.CharField(_("type"), max_length=40, choices=FileType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    content = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    # Key rotation finds encrypted binary columns through this name (see privacy.rotation).
    encrypted_binary_field = "content"
    # The word between the owner's reference and the number in a download's name.
    download_word = "file"

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-pk"]

    def owner_reference(self) -> str:
        """The reference of the record the file belongs to (a case, a measure)."""
        raise NotImplementedError

    def sealing_context(self) -> str:
        """What the ciphertext is bound to: the file's kind and its owner's reference."""
        raise NotImplementedError

    def seal(self, data: bytes) -> None:
        """Keep these bytes, encrypted under the current key; the size is the plain size."""
        self.size = len(data)
        self.content = encrypt_bytes(data, self.sealing_context())

    def read_content(self) -> bytes:
        return decrypt_bytes(bytes(self.content), self.sealing_context())

    def reencrypt_content(self) -> None:
        """Seal the same bytes again under the current primary key."""
        sealed = encrypt_bytes(self.read_content(), self.sealing_context())
        type(self)._default_manager.filter(pk=self.pk).update(content=sealed)

    def download_name(self) -> str:
        """A generic name: the original one is personal data and never leaves in a header."""
        extension = EXTENSIONS[self.content_type]
        return f"{self.owner_reference()}-{self.download_word}-{self.pk}.{extension}"
