"""Consent, referrals between agencies, services given, and emergency ("break the glass") access."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.conflicts import Conflict, locked_row
from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField
from palermo.registry.models.casework import Notification, NotificationKind, case_workers_of

if TYPE_CHECKING:
    from palermo.accounts.models import Agency, User
    from palermo.registry.models import VictimCase


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("shelter")
    MEDICAL = "medical", _("medical care")
    PSYCHOLOGICAL = "psychological", _("psychological support")
    LEGAL_AID = "legal_aid", _("legal aid")
    INTERPRETATION = "interpretation", _("interpretation")
    FINANCIAL = "financial", _("financial support")
    VOCATIONAL = "vocational", _("vocational training")
    REPATRIATION = "repatriation", _("repatriation")


class Consent(models.Model):
    """What the person agreed to: being referred to services, and sharing their data for it."""

    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="consents"
    )
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT)
    form = models.CharField(
        _("form"), max_length=10, choices=[("written", _("written")), ("oral", _("oral"))]
    )
    covers_referral = models.BooleanField(_("covers referral to services"), default=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = EncryptedTextField(
        _("why consent was withdrawn"), blank=True, max_length=limits.NOTE
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.case} consent {self.given_on}"

    @classmethod
    def record(
        cls,
        case: "VictimCase",
        by: "User",
        *,
        form: str,
        covers_referral: bool = True,
        given_on: "date | None" = None,
    ) -> "Consent":
        """Record consent on the case: the one write behind the consent form, the API and the
        screening's one-step opening, audited as `consent_recorded` on every path."""
        consent = cls(case=case, recorded_by=by, form=form, covers_referral=covers_referral)
        if given_on is not None:
            consent.given_on = given_on
        consent.save()
        record_event(
            by, "consent_recorded", "victim_case", case.reference, changes={"consent": consent.pk}
        )
        return consent

    def is_active(self) -> bool:
        return self.covers_referral and self.withdrawn_on is None

    @property
    def audit_ref(self) -> str:
        return f"registry.consent:{self.pk}"

    def referrals_it_covers(self) -> "ReferralQuerySet":
        """The referrals sent on this consent that are still open (sent or accepted)."""
        return Referral.objects.filter(
            consent=self, status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
        )

    def withdraw(self, by: "User", reason: str) -> list["Referral"]:
        """From today on, no new referral can be sent on this consent, and every referral it
        covered ends: the person no longer agrees to the receiving agencies holding the case.
        Returns the referrals ended."""
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the consent is withdrawn.")})
        with transaction.atomic():
            row = locked_row(self)
            if row.withdrawn_on is not None:
                raise Conflict(
                    _("This consent was already withdrawn."),
                    current={"withdrawn_on": row.withdrawn_on.isoformat()},
                )
            self.withdrawn_on, self.withdrawal_reason = timezone.localdate(), reason
            self.save(update_fields=["withdrawn_on", "withdrawal_reason"])
            ended = list(self.referrals_it_covers().select_for_update())
            for referral in ended:
                referral.status, referral.ended_at = ReferralStatus.ENDED, timezone.now()
                referral.save(update_fields=["status", "ended_at"])
            record_event(
                by,
                "consent_withdrawn",
                "victim_case",
                self.case.reference,
                changes={
                    "consent": self.pk,
                    "referrals_ended": [referral.pk for referral in ended],
                    "reason_of": self.audit_ref,
                },
            )
        return ended


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    ENDED = "ended", _("ended")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("routine")
    URGENT = "urgent", _("urgent (within days)")
    IMMEDIATE = "immediate", _("immediate (today)")


# The age at which a person is an adult, for the facts a receiving agency sees.
ADULT_AGE = 18


class ReferralQuerySet(models.QuerySet["Referral"]):
    def active(self) -> "ReferralQuerySet":
        return self.filter(status=ReferralStatus.ACCEPTED)


class Referral(models.Model):
    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="referrals"
    )
    from_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="referrals_received"
    )
    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    sent_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True, max_length=limits.NOTE)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    decline_reason = EncryptedTextField(
        _("why it was declined"), blank=True, max_length=limits.NOTE
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at"]
        # The referral page's lists, a page at a time: received by an agency (by status) and
        # sent by it, newest first.
        indexes = [
            models.Index(
                fields=["to_agency", "status", "-sent_at", "-id"], name="referral_received_order"
            ),
            models.Index(fields=["from_agency", "-sent_at", "-id"], name="referral_sent_order"),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_agency} ({self.service})"

    @classmethod
    @transaction.atomic
    def send(
        cls,
        case: "VictimCase",
        to_agency: "Agency",
        service: str,
        by: "User",
        note: str = "",
        urgency: str = "routine",
    ) -> "Referral":
        """No consent, no referral: the case must hold an active consent to be referred."""
        consent = Consent.objects.filter(
            case=case, covers_referral=True, withdrawn_on__isnull=True
        ).last()
        if consent is None:
            raise ValidationError(
                _("The person has not consented to referral: record consent first.")
            )
        if by.agency_id == to_agency.pk:
            raise ValidationError(_("A case cannot be referred to the agency that holds it."))
        if by.agency_id != case.owning_agency_id:
            # Onward referral: the person consented to the holding agency's referral, not to
            # every agency a case reaches passing the file on (see docs/access-rules.md).
            raise ValidationError(
                _("Only the agency that holds the case can refer it; ask it to refer the case on.")
            )
        assert by.agency is not None
        referral = cls.objects.create(
            case=case,
            from_agency=by.agency,
            to_agency=to_agency,
            service=service,
            consent=consent,
            sent_by=by,
            note=note,
            urgency=urgency,
        )
        record_event(by, "refer", "victim_case", str(case), changes={"to": to_agency.code})
        case.record_activity()
        Notification.tell(case_workers_of(to_agency.pk), NotificationKind.REFERRAL_RECEIVED, case)
        return referral

    def facts_for_deciding(self) -> dict[str, str]:
        """What the receiving agency sees before it accepts: no name, no detail that identifies
        the person — the age group, sex, urgency and the service asked (translated labels)."""
        from palermo.registry.vocabulary import Sex

        person = self.case.person
        age = person.age_on(self.sent_at.date())
        if age is None:
            age_group = _("age unknown")
        else:
            age_group = _("child (under 18)") if age < ADULT_AGE else _("adult")
        return {
            "age_group": str(age_group),
            "sex": str(Sex(person.sex).label),
            "urgency": str(Urgency(self.urgency).label),
            "service": str(ServiceKind(self.service).label),
        }

    def answer(self, accept: bool, by: "User", reason: str = "") -> None:
        """Accept or decline (with a reason), once: checked on the locked row, so of two answers
        sent at the same moment one wins and the other is refused with the referral's status now."""
        if by.agency_id != self.to_agency_id:
            raise ValidationError(_("Only the receiving agency can answer a referral."))
        with transaction.atomic():
            row = locked_row(self)
            if row.status != ReferralStatus.SENT:
                self.status = row.status
                raise Conflict(
                    _(
                        "Only a referral that was sent and not yet answered can be answered: "
                        "this one is %(status)s."
                    )
                    % {"status": ReferralStatus(row.status).label},
                    current={"status": row.status},
                )
            if not accept and not reason.strip():
                raise ValidationError({"reason": _("Say why the referral is declined.")})
            self.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
            self.answered_by, self.answered_at = by, timezone.now()
            self.decline_reason = "" if accept else reason
            self.save(update_fields=["status", "answered_by", "answered_at", "decline_reason"])
            record_event(
                by,
                f"referral_{self.status}",
                "victim_case",
                str(self.case),
                # The reason stays encrypted on the referral; the entry points at it.
                changes=None if accept else {"reason_of": f"registry.referral:{self.pk}"},
            )
            self.case.record_activity()

    def end(self, by: "User") -> None:
        with transaction.atomic():
            row = locked_row(self)
            if row.status != ReferralStatus.ACCEPTED:
                self.status = row.status
                raise Conflict(
                    _("Only an accepted referral can be ended: this one is %(status)s.")
                    % {"status": ReferralStatus(row.status).label},
                    current={"status": row.status},
                )
            self.status, self.ended_at = ReferralStatus.ENDED, timezone.now()
            self.save(update_fields=["status", "ended_at"])
            record_event(by, "referral_ended", "victim_case", str(self.case))


class Service(models.Model):
    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="services"
    )
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    provider = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started"), default=timezone.localdate)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True, max_length=limits.NOTE)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return f"{self.case}: {self.kind}"


BREAK_GLASS_HOURS = 4


class BreakGlassGrantQuerySet(models.QuerySet["BreakGlassGrant"]):
    def awaiting_review(self) -> "BreakGlassGrantQuerySet":
        return self.filter(reviewed_at__isnull=True)


class BreakGlassGrant(models.Model):
    """Emergency access to one case by a case worker outside its agencies, with a stated reason.

    Nobody approves it beforehand (a person's safety cannot wait), so the owning agency and the
    auditors see it at once and one of them reviews it afterwards: justified or not, with a note."""

    case = models.ForeignKey("registry.VictimCase", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    reason = EncryptedTextField(max_length=limits.REASON)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    justified = models.BooleanField(_("justified"), null=True, blank=True)
    review_note = EncryptedTextField(_("review note"), blank=True, max_length=limits.NOTE)

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["reviewed_at", "granted_at"], name="grant_review_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.case}"

    @property
    def audit_ref(self) -> str:
        """What the audit trail stores instead of a copy of the (personal) free text."""
        return f"registry.breakglassgrant:{self.pk}"

    @classmethod
    def open(cls, case: "VictimCase", user: "User", reason: str) -> "BreakGlassGrant":
        if len(reason.strip()) < 10:
            raise ValidationError(_("Emergency access needs a reason of at least a sentence."))
        grant = cls.objects.create(
            case=case,
            user=user,
            reason=reason,
            expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
        )
        record_event(
            user, "break_glass", "victim_case", str(case), changes={"reason_of": grant.audit_ref}
        )
        return grant

    def review(self, reviewer: "User", *, justified: bool, note: str) -> None:
        """Record the after-the-fact review once; the note is kept encrypted, never audited."""
        if len(note.strip()) < 10:
            raise ValidationError(_("A review needs a note of at least a sentence."))
        if len(note) > limits.NOTE:
            raise ValidationError(_("The note is too long."))
        with transaction.atomic():
            # Locked so that two reviewers at once cannot both record a verdict.
            fresh = locked_row(self)
            if fresh.reviewed_at is not None:
                raise ValidationError(_("This emergency access has already been reviewed."))
            self.reviewed_at, self.reviewed_by = timezone.now(), reviewer
            self.justified, self.review_note = justified, note
            self.save(update_fields=["reviewed_at", "reviewed_by", "justified", "review_note"])
            record_event(
                reviewer,
                "review_break_glass",
                "break_glass_grant",
                str(self.pk),
                changes={"justified": justified, "note_of": self.audit_ref},
            )
