"""Judicial authorisations: investigative measures that need a judge's decision."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.accounts.roles import AgencyKind, Role
from palermo.audit.log import record_event
from palermo.conflicts import Conflict, locked_row
from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField

if TYPE_CHECKING:
    from palermo.accounts.models import Agency, User
    from palermo.justice.models.case import CriminalCase


class AuthorisationKind(models.TextChoices):
    SEARCH = "search", _("search")
    INTERCEPTION = "interception", _("interception of communications")
    DETENTION = "detention", _("pre-trial detention")
    TRAVEL_BAN = "travel_ban", _("travel ban")
    ASSET_FREEZE = "asset_freeze", _("asset freeze")
    WITNESS_PROTECTION = "witness_protection", _("witness protection measure")


class AuthorisationStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class AuthorisationQuerySet(models.QuerySet["JudicialAuthorisation"]):
    def expiring_within(self, days: int) -> "AuthorisationQuerySet":
        now = timezone.now()
        return self.filter(
            status=AuthorisationStatus.GRANTED,
            expires_at__gte=now,
            expires_at__lte=now + datetime.timedelta(days=days),
        )


class JudicialAuthorisation(models.Model):
    case = models.ForeignKey(
        "justice.CriminalCase", on_delete=models.CASCADE, related_name="authorisations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AuthorisationKind.choices)
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    scope = EncryptedTextField(_("scope"), max_length=limits.SUMMARY)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AuthorisationStatus.choices,
        default=AuthorisationStatus.REQUESTED,
    )
    judicial_officer = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    objects = AuthorisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("judicial authorisation")
        verbose_name_plural = _("judicial authorisations")

    def __str__(self) -> str:
        return f"{self.case}: {self.kind}"

    @classmethod
    def request(
        cls, case: "CriminalCase", by: "User", kind: str, court: "Agency", scope: str
    ) -> "JudicialAuthorisation":
        """Investigators of the owning agency ask a court for a measure."""
        if not case.is_investigated_by(by):
            raise ValidationError(
                _("Only investigators of the owning agency can request an authorisation.")
            )
        if case.stage == "closed":
            raise ValidationError(_("A closed case needs no authorisation."))
        if court.kind != AgencyKind.COURT:
            raise ValidationError(_("Authorisations are requested from a court."))
        if not scope.strip():
            raise ValidationError(_("Describe the scope of the measure."))
        authorisation = cls.objects.create(
            case=case, kind=kind, court=court, requested_by=by, scope=scope
        )
        record_event(
            by,
            "authorisation_requested",
            "criminal_case",
            case.reference,
            changes={"kind": kind, "court": court.code},
        )
        return authorisation

    def may_be_decided_by(self, user: "User") -> bool:
        """A judicial officer of the court the request went to (whether it is still open is
        `decide`'s concern)."""
        return user.has_role(Role.JUDICIAL_OFFICER) and user.agency_id == self.court_id

    def is_open(self) -> bool:
        return self.status == AuthorisationStatus.REQUESTED

    def decide(self, grant: bool, by: "User", expires_at: datetime.datetime | None) -> None:
        if by.agency_id != self.court_id:
            raise ValidationError(_("Only the court the request was submitted to can decide it."))
        if grant and (expires_at is None or expires_at <= timezone.now()):
            raise ValidationError(_("A granted authorisation needs an expiry in the future."))
        with transaction.atomic():
            # Checked on the locked row: of two decisions at the same moment, one is made.
            row = locked_row(self)
            if row.status != AuthorisationStatus.REQUESTED:
                self.status = row.status
                raise Conflict(
                    _("This authorisation was already decided."), current={"status": row.status}
                )
            self.status = AuthorisationStatus.GRANTED if grant else AuthorisationStatus.REFUSED
            self.judicial_officer, self.decided_at = by, timezone.now()
            self.expires_at = expires_at if grant else None
            self.save(update_fields=["status", "judicial_officer", "decided_at", "expires_at"])
            record_event(by, f"authorisation_{self.status}", "criminal_case", self.case.reference)

    def is_in_force(self) -> bool:
        return (
            self.status == AuthorisationStatus.GRANTED
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
