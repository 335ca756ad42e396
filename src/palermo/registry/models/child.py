"""What a case needs when the person is a child: who their guardian is, and the assessment of
their best interests (UN CRC art. 3) that every decision on the case has to weigh."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField
from palermo.registry.models.correction import may_correct_person
from palermo.registry.models.referral import ADULT_AGE

if TYPE_CHECKING:
    from palermo.accounts.models import User
    from palermo.registry.models import VictimCase


class GuardianKind(models.TextChoices):
    PARENT = "parent", _("parent")
    RELATIVE = "relative", _("other relative")
    APPOINTED = "appointed", _("guardian appointed by a court or authority")
    INSTITUTION = "institution", _("institution (shelter, care home)")
    NONE = "none", _("no guardian (unaccompanied)")
    UNKNOWN = "unknown", _("not known yet")


# The fields a case worker fills in; the rest (who, when) the method records.
CHILD_FIELDS = (
    "guardian_kind",
    "guardian_name",
    "guardian_contact",
    "best_interests_assessment",
    "assessed_on",
)


class ChildProtection(models.Model):
    case = models.OneToOneField(
        "registry.VictimCase", on_delete=models.CASCADE, related_name="child_protection"
    )
    guardian_kind = models.CharField(
        _("guardian"), max_length=12, choices=GuardianKind.choices, default=GuardianKind.UNKNOWN
    )
    guardian_name = EncryptedTextField(_("guardian's name"), blank=True, max_length=limits.NAME)
    guardian_contact = EncryptedTextField(
        _("guardian's contact"), blank=True, max_length=limits.NAME
    )
    best_interests_assessment = EncryptedTextField(
        _("best-interests assessment"), blank=True, max_length=limits.SUMMARY
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    updated_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("child protection")
        verbose_name_plural = _("child protection")

    def __str__(self) -> str:
        return f"child protection of {self.case_id}"


def is_a_child(case: "VictimCase", on: datetime.date | None = None) -> bool:
    """Under 18 today by the year of birth or the estimated age; unknown age is not a child
    here (the case worker records an age first, and the fields then appear)."""
    age = case.person.age_on(on or timezone.localdate())
    return age is not None and age < ADULT_AGE


def child_protection_of(case: "VictimCase") -> ChildProtection | None:
    return ChildProtection.objects.filter(case=case).first()


@transaction.atomic
def record_child_protection(
    case: "VictimCase", by: "User", values: dict[str, Any]
) -> ChildProtection:
    """Save the guardian and the assessment; the owning agency only, audited by field name."""
    if not may_correct_person(case, by):
        raise PermissionDenied
    record = child_protection_of(case) or ChildProtection(case=case, updated_by=by)
    changed = [name for name in CHILD_FIELDS if getattr(record, name) != values.get(name)]
    for name in CHILD_FIELDS:
        setattr(record, name, values.get(name))
    record.updated_by = by
    record.save()
    record_event(
        by, "child_protection_recorded", "victim_case", case.reference, changes={"fields": changed}
    )
    return record
