"""Agencies and the people who work there, with their roles."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.accounts.roles import AgencyKind, Role
from palermo.privacy.fields import EncryptedTextField


class Agency(models.Model):
    jurisdiction = models.ForeignKey(
        "jurisdiction.Jurisdiction", on_delete=models.PROTECT, related_name="agencies"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    # The name in the jurisdiction's other languages, as its pack gives them ({"zh-hant": …,
    # "pt": …}); ``name`` is the one shown where a language has none.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    is_committee_member = models.BooleanField(_("committee member"), default=False)
    # The competent authority for formal identification, as the jurisdiction's pack says: never
    # an NGO, the hotline or the health service (they refer; the authority decides).
    identifies_victims = models.BooleanField(
        _("competent authority for identification"), default=False
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="unique_agency_code")
        ]

    def __str__(self) -> str:
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        """The agency's name in ``language`` ("zh-hant", "pt-br"…), else its ``name``."""
        language = (language or "").lower()
        return self.names.get(language) or self.names.get(language.split("-")[0]) or self.name

    @property
    def local_name(self) -> str:
        """The name in the reader's language: ``{{ agency.local_name }}``."""
        return self.name_in(get_language())


class User(AbstractUser):
    """A person who works at one agency and may hold several roles there."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # The second factor's secret is as sensitive as a password: encrypted like personal data.
    totp_secret = EncryptedTextField(blank=True)
    totp_confirmed = models.BooleanField(default=False)
    totp_last_step = models.BigIntegerField(default=0)
    # The key is shown only to whoever holds a one-time enrolment link an administrator issued
    # (a digest is kept, never the link itself), not to anyone who knows the password.
    enrolment_digest = models.CharField(max_length=64, blank=True)
    enrolment_expires_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def role_set(self) -> frozenset[str]:
        """The user's roles, read once per request-lived object."""
        cached: frozenset[str] | None = getattr(self, "_roles", None)
        if cached is None:
            cached = frozenset(self.roles.values_list("role", flat=True))
            self._roles = cached
        return cached

    def remember_roles(self, roles: Iterable[str]) -> None:
        """Roles read with the user in one query (an API token's lookup): none read again."""
        self._roles = frozenset(roles)

    def has_role(self, *roles: str) -> bool:
        return self.is_active and bool(self.role_set() & set(roles))

    def forget_roles(self) -> None:
        self.__dict__.pop("_roles", None)

    def is_locked_out(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    def record_failed_login(self) -> None:
        self.failed_logins += 1
        if self.failed_logins >= settings.PALERMO_MAX_FAILED_LOGINS:
            self.locked_until = timezone.now() + timedelta(minutes=settings.PALERMO_LOCKOUT_MINUTES)
            self.failed_logins = 0
        self.save(update_fields=["failed_logins", "locked_until"])

    def record_successful_login(self) -> None:
        if self.failed_logins or self.locked_until:
            self.failed_logins = 0
            self.locked_until = None
            self.save(update_fields=["failed_logins", "locked_until"])


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
