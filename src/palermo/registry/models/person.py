"""Persons: victims, presumed victims and suspects, with identifying fields encrypted."""

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.core import limits
from palermo.core.countries import validate_country_code
from palermo.privacy.blind_index import blind_index, normalise_document, normalise_name
from palermo.privacy.fields import EncryptedJSONField, EncryptedTextField
from palermo.references import new_reference
from palermo.registry.vocabulary import Sex
from palermo_analytics.linkage import PersonFacts, birth_year_of, name_sound_keys, name_token_keys

# The kinds of blind index: the whole normalised name, a document number, each name token's
# standardised key (romanisation, diacritics, order folded by the linkage library) and its sound.
NAME, DOCUMENT, TOKEN, SOUND = "name", "document", "token", "sound"


def name_key_digests(name: str, nationality: str = "") -> set[tuple[str, str]]:
    """The (kind, digest) pairs of one name's tokens and sounds: what is stored for a person and
    what a new name or a search is looked up by."""
    tokens = {(TOKEN, blind_index(TOKEN, key)) for key in name_token_keys(name, nationality)}
    sounds = {(SOUND, blind_index(SOUND, key)) for key in name_sound_keys(name, nationality)}
    return tokens | sounds


def document_digest(number: str) -> tuple[str, str]:
    return (DOCUMENT, blind_index(DOCUMENT, normalise_document(number)))


def new_person_reference() -> str:
    return new_reference("P")


class PersonQuerySet(models.QuerySet["Person"]):
    def with_exact_name(self, name: str) -> "PersonQuerySet":
        digest = blind_index("name", normalise_name(name))
        return self.filter(search_keys__kind="name", search_keys__digest=digest).distinct()

    def with_document_number(self, number: str) -> "PersonQuerySet":
        digest = blind_index("document", normalise_document(number))
        return self.filter(search_keys__kind="document", search_keys__digest=digest).distinct()

    def not_merged(self) -> "PersonQuerySet":
        """Persons in their own right: one merged into another lives on only for an undo."""
        return self.filter(merged_into__isnull=True)


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
        _("nationality"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2"),
        validators=[validate_country_code],
    )
    recorded_by_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="recorded_persons"
    )
    # Set when this record was found to be another person's and merged into it (see merging.py).
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
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

    def facts(self) -> PersonFacts:
        """What the duplicate check compares (decrypts this one person's names)."""
        recorded = self.created_at.year if self.created_at else datetime.date.today().year
        return PersonFacts(
            names=tuple(name for name in self._names() if name),
            sex=self.sex,
            birth_year=birth_year_of(self.birth_year, self.estimated_age, recorded),
            nationality=self.nationality,
        )

    def refresh_search_keys(self) -> None:
        """Rewrite the blind indexes from the current (decrypted) values."""
        self.search_keys.all().delete()
        PersonSearchKey.objects.bulk_create(self.new_search_keys())

    def new_search_keys(self) -> list["PersonSearchKey"]:
        """The blind indexes of the current values, unsaved (bulk seeding saves many at once)."""
        names = self._names() + self._merged_names()
        wanted = {(NAME, blind_index(NAME, normalise_name(n))) for n in names if n}
        for name in names:
            wanted |= name_key_digests(name, self.nationality) if name else set()
        wanted |= {document_digest(d["number"]) for d in self.document_numbers if d.get("number")}
        return [PersonSearchKey(person=self, kind=kind, digest=digest) for kind, digest in wanted]

    def _merged_names(self) -> list[str]:
        """The names of records merged into this one: the person is found under them too."""
        if self.pk is None:
            return []
        merged = Person.objects.filter(merged_into=self.pk)
        return [name for person in merged for name in person._names()]

    def _names(self) -> list[str]:
        return [self.full_name(), *(str(alias) for alias in self.aliases)]


class PersonSearchKey(models.Model):
    """A keyed hash of a normalised name, a name token's key or sound, or a document number (a
    blind index): persons are found by what they share with a name without decrypting them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    kind = models.CharField(max_length=10)
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "digest"])]

    def __str__(self) -> str:
        return f"{self.kind} key of {self.person_id}"
