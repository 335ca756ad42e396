"""Criminal cases: from the report through investigation and prosecution to the court."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.accounts.roles import AgencyKind, Role
from palermo.audit.log import record_event
from palermo.conflicts import Conflict
from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField
from palermo.references import new_reference

if TYPE_CHECKING:
    from palermo.accounts.models import Agency, User
    from palermo.jurisdiction.models import LegalProvision


class CriminalStage(models.TextChoices):
    REPORTED = "reported", _("reported")
    INVESTIGATION = "investigation", _("under investigation")
    PROSECUTION = "prosecution", _("with the prosecution")
    TRIAL = "trial", _("before the court")
    DECIDED = "decided", _("decided")
    APPEAL = "appeal", _("on appeal")
    CLOSED = "closed", _("closed")


NEXT_CRIMINAL_STAGES: dict[str, set[str]] = {
    CriminalStage.REPORTED: {CriminalStage.INVESTIGATION, CriminalStage.CLOSED},
    CriminalStage.INVESTIGATION: {CriminalStage.PROSECUTION, CriminalStage.CLOSED},
    CriminalStage.PROSECUTION: {CriminalStage.TRIAL, CriminalStage.CLOSED},
    CriminalStage.TRIAL: {CriminalStage.DECIDED},
    CriminalStage.DECIDED: {CriminalStage.APPEAL, CriminalStage.CLOSED},
    CriminalStage.APPEAL: {CriminalStage.DECIDED, CriminalStage.CLOSED},
    CriminalStage.CLOSED: set(),
}


def new_criminal_reference() -> str:
    return new_reference("CC")


class CriminalCase(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_criminal_reference, editable=False
    )
    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="criminal_cases"
    )
    prosecution_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="prosecutions",
        null=True,
        blank=True,
    )
    court_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="court_cases",
        null=True,
        blank=True,
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=CriminalStage, default=CriminalStage.REPORTED
    )
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    provisions = models.ManyToManyField(
        "jurisdiction.LegalProvision", blank=True, verbose_name=_("offences")
    )
    summary = EncryptedTextField(_("summary"), blank=True, max_length=limits.SUMMARY)
    is_labour_trafficking = models.BooleanField(_("labour trafficking"), default=False)
    is_sex_trafficking = models.BooleanField(_("sex trafficking"), default=False)

    class Meta:
        verbose_name = _("criminal case")
        verbose_name_plural = _("criminal cases")
        ordering = ["-reported_on"]
        # The list's order (newest report first), read along the index rather than sorted.
        indexes = [
            models.Index(fields=["-reported_on", "id"], name="criminal_case_list_order"),
            models.Index(
                fields=["owning_agency", "-reported_on", "id"], name="criminal_case_agency_order"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @classmethod
    @transaction.atomic
    def open(
        cls,
        by: "User",
        reason: str,
        provisions: Iterable["LegalProvision"] = (),
        **fields: "datetime.date | str | bool",
    ) -> "CriminalCase":
        """An investigator opens a case for their own agency and starts the investigation."""
        if not by.has_role(Role.INVESTIGATOR) or by.agency is None:
            raise ValidationError(_("Only an investigator can open a criminal case."))
        case = cls.objects.create(owning_agency=by.agency, **fields)
        case.provisions.set(provisions)
        record_event(by, "create", "criminal_case", case.reference)
        case.move_to(CriminalStage.INVESTIGATION, by, reason)
        return case

    # Who may act on the case: a role at the agency holding the case at that point.
    def is_investigated_by(self, user: "User") -> bool:
        return user.has_role(Role.INVESTIGATOR) and user.agency_id == self.owning_agency_id

    def is_prosecuted_by(self, user: "User") -> bool:
        return (
            self.prosecution_agency_id is not None
            and user.has_role(Role.PROSECUTOR)
            and user.agency_id == self.prosecution_agency_id
        )

    def is_judged_by(self, user: "User") -> bool:
        return (
            self.court_agency_id is not None
            and user.has_role(Role.JUDICIAL_OFFICER)
            and user.agency_id == self.court_agency_id
        )

    def may_be_moved_by(self, user: "User") -> bool:
        """The investigators move it until it leaves the police, then the prosecution, then
        the court."""
        if self.stage in {CriminalStage.REPORTED, CriminalStage.INVESTIGATION}:
            return self.is_investigated_by(user)
        if self.stage == CriminalStage.PROSECUTION:
            return self.is_prosecuted_by(user)
        if self.stage == CriminalStage.CLOSED:
            return False
        return self.is_judged_by(user)

    def check_still_at(self, seen: str | None) -> None:
        """Refuse (409) a move decided on the case at a stage it has since left; `seen` is the
        stage the caller saw (the page's form and an API client send it), None if unknown."""
        if seen and seen != self.stage:
            raise Conflict(
                _("The case was moved meanwhile: it is now “%(current)s”.")
                % {"current": CriminalStage(self.stage).label},
                current={"stage": self.stage},
            )

    def next_stages(self) -> list[str]:
        return [
            stage for stage in CriminalStage.values if stage in NEXT_CRIMINAL_STAGES[self.stage]
        ]

    @transaction.atomic
    def move_to(self, stage: str, by: "User", reason: str) -> "CriminalTransition":
        """Move the case on, with who, when and why; refuse moves the procedure doesn't allow.

        Decided on the locked row: a case moved (or closed) meanwhile is refused with its stage
        now, so two people closing it at once close it once."""
        current = CriminalCase.objects.select_for_update().values_list("stage", flat=True)
        CriminalCase(stage=current.get(pk=self.pk)).check_still_at(self.stage)
        if stage not in NEXT_CRIMINAL_STAGES[self.stage]:
            raise ValidationError(
                _("A criminal case “%(current)s” cannot move to “%(target)s”.")
                % {"current": CriminalStage(self.stage).label, "target": CriminalStage(stage).label}
            )
        if not reason.strip():
            raise ValidationError(_("Say why the case moves to this stage."))
        if stage == CriminalStage.PROSECUTION and self.prosecution_agency_id is None:
            raise ValidationError(_("Name the prosecution office the case is sent to."))
        if stage == CriminalStage.TRIAL and self.court_agency_id is None:
            raise ValidationError(_("Name the court the case is submitted to."))
        transition = CriminalTransition.objects.create(
            case=self, from_stage=self.stage, to_stage=stage, by=by, reason=reason
        )
        self.stage = stage
        self.save(update_fields=["stage", "prosecution_agency", "court_agency"])
        record_event(
            by,
            "transition",
            "criminal_case",
            self.reference,
            # The reason stays on the (encrypted) transition; the entry points at it.
            changes={"stage": [transition.from_stage, stage], "reason_of": transition.audit_ref},
        )
        return transition

    def send_to_prosecution(
        self, prosecution: "Agency | None", by: "User", reason: str
    ) -> "CriminalTransition":
        if prosecution is not None and prosecution.kind != AgencyKind.PROSECUTION:
            raise ValidationError(_("A case can only be sent to a prosecution office."))
        self.prosecution_agency = prosecution
        return self.move_to(CriminalStage.PROSECUTION, by, reason)

    def submit_to_court(
        self, court: "Agency | None", by: "User", reason: str
    ) -> "CriminalTransition":
        if court is not None and court.kind != AgencyKind.COURT:
            raise ValidationError(_("A case can only be submitted to a court."))
        self.court_agency = court
        return self.move_to(CriminalStage.TRIAL, by, reason)


class CriminalTransition(models.Model):
    """One move of a criminal case: from where, to where, by whom, when and why."""

    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(_("from"), max_length=20, choices=CriminalStage)
    to_stage = models.CharField(_("to"), max_length=20, choices=CriminalStage)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = EncryptedTextField(_("reason"), max_length=limits.REASON)

    class Meta:
        verbose_name = _("criminal case transition")
        verbose_name_plural = _("criminal case transitions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_stage} → {self.to_stage}"

    @property
    def audit_ref(self) -> str:
        """What the audit trail stores instead of a copy of the (personal) free text."""
        return f"justice.criminaltransition:{self.pk}"


class SuspectRole(models.TextChoices):
    RECRUITER = "recruiter", _("recruiter")
    TRANSPORTER = "transporter", _("transporter")
    EXPLOITER = "exploiter", _("exploiter")
    FACILITATOR = "facilitator", _("facilitator")


class VictimCapacity(models.TextChoices):
    WITNESS = "witness", _("witness")
    INJURED_PARTY = "injured_party", _("injured party")
    ASSISTANT = "assistant", _("assistant to the prosecution")


class Suspect(models.Model):
    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="suspects")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        _("role"),
        max_length=20,
        blank=True,
        choices=SuspectRole.choices,
    )
    arrested_on = models.DateField(_("arrested on"), null=True, blank=True)
    # TIP asks for officials investigated, prosecuted and convicted for complicity.
    is_official = models.BooleanField(_("public official (complicity)"), default=False)

    class Meta:
        verbose_name = _("suspect")
        verbose_name_plural = _("suspects")

    def __str__(self) -> str:
        return f"{self.case}: {self.person}"

    @classmethod
    @transaction.atomic
    def record(
        cls,
        case: CriminalCase,
        by: "User",
        names: tuple[str, str],
        role: str = "",
        arrested_on: datetime.date | None = None,
        **person_fields: str,
    ) -> "Suspect":
        """A suspect is a Person (names encrypted, found by blind index) tied to the case."""
        from palermo.registry.models import Person

        if not case.is_investigated_by(by):
            raise ValidationError(_("Only investigators of the owning agency can add suspects."))
        if case.stage not in {CriminalStage.REPORTED, CriminalStage.INVESTIGATION}:
            raise ValidationError(_("Suspects are added while the case is under investigation."))
        given_name, family_name = names
        person = Person.objects.create(
            given_name=given_name,
            family_name=family_name,
            recorded_by_agency=case.owning_agency,
            **person_fields,
        )
        suspect = cls.objects.create(case=case, person=person, role=role, arrested_on=arrested_on)
        record_event(
            by, "suspect_added", "criminal_case", case.reference, changes={"person": str(person)}
        )
        return suspect


class VictimLink(models.Model):
    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="victim_links"
    )
    victim_case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="criminal_links"
    )
    capacity = models.CharField(
        _("capacity"),
        max_length=20,
        choices=VictimCapacity.choices,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["criminal_case", "victim_case"], name="unique_victim_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.victim_case} in {self.criminal_case}"

    @classmethod
    def link(
        cls, criminal_case: CriminalCase, victim_reference: str, capacity: str, by: "User"
    ) -> "VictimLink":
        """Link a victim case known to the investigator by its reference. The refusal for an
        unknown reference is worded so it never confirms whether some case exists."""
        from palermo.registry.models import VictimCase

        if not criminal_case.is_investigated_by(by):
            raise ValidationError(_("Only investigators of the owning agency can link victims."))
        victim = VictimCase.objects.filter(reference=victim_reference.strip().upper()).first()
        if victim is None:
            raise ValidationError(NO_LINK_MADE)
        if cls.objects.filter(criminal_case=criminal_case, victim_case=victim).exists():
            raise ValidationError(_("This victim case is already linked to this criminal case."))
        link = cls.objects.create(
            criminal_case=criminal_case, victim_case=victim, capacity=capacity
        )
        record_event(
            by,
            "victim_linked",
            "criminal_case",
            criminal_case.reference,
            changes={"victim_case": victim.reference, "capacity": capacity},
        )
        return link


NO_LINK_MADE = _(
    "No link was made. Check the reference with the agency that holds the victim case."
)
