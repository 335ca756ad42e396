"""Why an administrator did something that affects a colleague's access.

A reason is free text and may name a person or a circumstance, so it is kept encrypted like any
record; the audit entry points at it (`reason_id`) and never carries the text."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from palermo.privacy.fields import EncryptedTextField


class ActionReason(models.Model):
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    text = EncryptedTextField()

    def __str__(self) -> str:
        return f"{self.action} #{self.pk}"
