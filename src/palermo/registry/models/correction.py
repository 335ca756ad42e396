"""Corrections of a person's details after a case is opened: what changed, by whom, and what it
was before — the previous values encrypted like the details themselves."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from palermo.audit.log import record_event
from palermo.conflicts import locked_row
from palermo.core import limits
from palermo.core.countries import country_name
from palermo.privacy.fields import EncryptedJSONField, EncryptedTextField
from palermo.registry.vocabulary import Sex

if TYPE_CHECKING:
    from palermo.accounts.models import User
    from palermo.registry.models import Person, VictimCase

# The details a case worker may correct; the rest (documents, phones...) have their own pages.
CORRECTABLE = (
    "given_name",
    "family_name",
    "date_of_birth",
    "birth_year",
    "estimated_age",
    "sex",
    "nationality",
)


class PersonCorrection(models.Model):
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="corrections"
    )
    case = models.ForeignKey(
        "registry.VictimCase", on_delete=models.PROTECT, related_name="person_corrections"
    )
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("corrected"), auto_now_add=True)
    # Field names are not personal: in the clear, as the audit entry has them.
    fields = models.JSONField(_("fields corrected"), default=list)
    previous = EncryptedJSONField(_("previous values"), default=dict)
    reason = EncryptedTextField(_("reason"), max_length=limits.NOTE)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("correction of a person's details")
        verbose_name_plural = _("corrections of a person's details")

    def __str__(self) -> str:
        return f"correction {self.pk} of {self.person_id}"

    @property
    def audit_ref(self) -> str:
        return f"registry.personcorrection:{self.pk}"

    def previous_values(self) -> list[tuple[str, Any]]:
        """(field's label, value before, as a page shows it) in the order of the form."""
        from palermo.registry.models import Person

        return [
            (_label_of(Person, name), _shown(name, self.previous.get(name)))
            for name in CORRECTABLE
            if name in self.fields
        ]


def _label_of(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)


def _shown(field: str, value: Any) -> Any:
    """A code as its label: a page never shows "VN" or "female" untranslated."""
    if field == "nationality":
        return country_name(value or "")
    if field == "sex" and value:
        return Sex(value).label
    return value


def may_correct_person(case: "VictimCase", user: "User") -> bool:
    """Only the agency that owns the case corrects who the person is; an agency the case was
    referred to reads the details but does not rewrite them."""
    from palermo.accounts.roles import Role

    return user.has_role(Role.CASE_WORKER) and case.owning_agency_id == user.agency_id


@transaction.atomic
def correct_person(
    case: "VictimCase", by: "User", values: dict[str, Any], reason: str
) -> "PersonCorrection | None":
    """Apply the new values to the case's person, keeping the previous ones; None if nothing
    changed. Refuses (403) anyone but the owning agency's case workers."""
    if not may_correct_person(case, by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the details are corrected.")})
    person: Person = locked_row(case.person)
    previous = {
        name: getattr(person, name)
        for name in CORRECTABLE
        if name in values and getattr(person, name) != values[name]
    }
    if not previous:
        return None
    for name in previous:
        setattr(person, name, values[name])
    person.full_clean(validate_unique=False, validate_constraints=False)
    person.save()
    correction = PersonCorrection.objects.create(
        person=person, case=case, by=by, fields=list(previous), previous=previous, reason=reason
    )
    record_event(
        by,
        "person_corrected",
        "person",
        person.reference,
        changes={
            "fields": list(previous),
            "case": case.reference,
            "reason_of": correction.audit_ref,
        },
    )
    return correction
