"""Persons: victims, presumed victims and suspects, with identifying fields encrypted."""

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.core import limits
from palermo.privacy.blind_index import blind_index, normalise_document, normalise_name
from palermo.privacy.fields import EncryptedJSONField, EncryptedTextField
from palermo.references import new_reference
from palermo.registry.vocabulary import Sex


def new_person_reference() -> str:
    return new_reference("P")


class PersonQuerySet(models.QuerySet["Person"]):
    def with_exact_name(self, name: str) -> "PersonQuerySet":
        digest = blind_index("name", normalise_name(name))
        return self.filter(search_keys__kind="name", search_keys__digest=digest).distinct()

    def with_document_number(self, number: str) -> "PersonQuerySet":
        digest = blind_index("document", normalise_document(number))
        return self.filter(search_keys__kind="document", search_keys__digest=digest).distinct()


class Person(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_person_reference, editable=False
    )
    # Identifying: encrypted at rest, never logged, never in URLs.
    given_name = EncryptedTextField(_("given name"), blank=True, max_length=limits.NAME)
    family_name = EncryptedTextField(_("family name"), blank=True, max_length=limits.NAME)
    aliases = EncryptedJSONField(_("aliases"), blank=True, default=list)
    date_of_birth = EncryptedTextField(
        _("date of birth"), blank=True, max_length=10, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD")
    )
    document_numbers = EncryptedJSONField(_("document numbers"), blank=True, default=list)
    phones = EncryptedJSONField(_("phone numbers"), blank=True, default=list)
    addresses = EncryptedJSONField(_("addresses"), blank=True, default=list)
    narrative = EncryptedTextField(_("narrative"), blank=True, max_length=limits.SUMMARY)
    # Non-identifying: in the clear, for statistics.
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2")
    )
    recorded_by_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="recorded_persons"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        # Never the name: __str__ ends up in logs, admin lists and error pages.
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self.refresh_search_keys()

    def full_name(self) -> str:
        return " ".join(part for part in [self.given_name, self.family_name] if part)

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_year:
            return day.year - self.birth_year
        return self.estimated_age

    def refresh_search_keys(self) -> None:
        """Rewrite the blind indexes from the current (decrypted) values."""
        self.search_keys.all().delete()
        PersonSearchKey.objects.bulk_create(self.new_search_keys())

    def new_search_keys(self) -> list["PersonSearchKey"]:
        """The blind indexes of the current values, unsaved (bulk seeding saves many at once)."""
        wanted = {("name", blind_index("name", normalise_name(n))) for n in self._names() if n}
        wanted |= {
            ("document", blind_index("document", normalise_document(d["number"])))
            for d in self.document_numbers
            if d.get("number")
        }
        return [PersonSearchKey(person=self, kind=kind, digest=digest) for kind, digest in wanted]

    def _names(self) -> list[str]:
        return [self.full_name(), *self.aliases]


class PersonSearchKey(models.Model):
    """A keyed hash of a normalised name or document number (a blind index)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    kind = models.CharField(max_length=10)
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "digest"])]

    def __str__(self) -> str:
        return f"{self.kind} key of {self.person_id}"
