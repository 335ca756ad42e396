"""API tokens: what a program presents instead of a password and a second factor.

A token acts for one person, with exactly their roles and agency. Only a SHA-256 digest is kept:
the token itself is shown once, when it is made. Tokens expire, and can be revoked at any time.
"""

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.privacy.fields import EncryptedTextField

if TYPE_CHECKING:
    from palermo.accounts.models import User

TOKEN_PREFIX = "plm_"  # noqa: S105  (a marker that says what the string is, not a secret)
# Writing "last used" on every request would turn each read into a write; a minute is precise
# enough to tell a token in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest_of(token: str) -> str:
    # The token carries 256 random bits, so a plain hash is enough; no salt or slow hash needed.
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("what it is for"), max_length=100)
    # The first characters, to tell tokens apart in a list without showing them.
    hint = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.hint}… ({self.name})"

    @classmethod
    def issue(cls, user: "User", name: str, days: int) -> tuple["ApiToken", str]:
        """A new token for `user`; the second value is the token itself, never stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        issued = cls.objects.create(
            user=user,
            name=name,
            hint=token[: len(TOKEN_PREFIX) + 4],
            digest=digest_of(token),
            expires_at=timezone.now() + timedelta(days=days),
        )
        record_event(user, "api_token_issued", "api_token", str(issued.pk))
        return issued, token

    @classmethod
    def holder_of(cls, token: str) -> "User | None":
        """The person a live token acts for, if they may still log in (their agency and roles
        read with them, in one statement that is not compiled again on every call)."""
        from palermo.api.holders import live_token_with_holder

        found = live_token_with_holder(digest_of(token), timezone.now())
        if found is None or not found.user.is_active or found.user.is_locked_out():
            return None
        found.note_use()
        return found.user

    def note_use(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)

    def revoke(self, by: "User") -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
            record_event(by, "api_token_revoked", "api_token", str(self.pk))

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


# How long a client may retry with the same Idempotency-Key and get the first answer back.
IDEMPOTENCY_WINDOW = timedelta(hours=24)


class IdempotentRequest(models.Model):
    """A write sent with an Idempotency-Key (API) or a page form's submission key, and the answer
    it got: a retry with the same key replays this answer instead of writing again.

    Kept per user; the answer's body may name a person, so it is encrypted like any record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    # A digest of the method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_key_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"
