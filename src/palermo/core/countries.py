"""The one country vocabulary: ISO 3166-1 alpha-2 codes with names in every language.

Names and their translations come from django-countries. Kosovo (``XK``, a user-assigned code
used by the European Union, the UN's statistics and CTDC) is accepted everywhere a country is
asked, so a case file, a screening, a suspect and the CTDC export agree on what a country is.
Codes are what is stored and what the API speaks; people see and type names.
"""

from collections.abc import Iterable
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from unidecode import unidecode

# Not an ISO 3166-1 code, but everyone who reports trafficking data uses it (see the module doc).
KOSOVO = "XK"


def all_codes() -> frozenset[str]:
    return _codes()


@cache
def _codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def is_country(code: str) -> bool:
    return code in _codes()


def country_name(code: str) -> str:
    """The country's name in the active language; an unknown code is shown as it is stored."""
    if not code:
        return ""
    return str(countries.name(code)) or code


def sort_key(name: str) -> str:
    """Diacritics do not move a name ("Åland" beside "Aland"); Chinese names sort by their
    romanisation (pinyin), the order a reader of a mixed list can follow."""
    return unidecode(name).casefold()


def choices() -> list[tuple[str, str]]:
    """(code, name) for every country, sorted by name in the active language."""
    return sorted(((code, str(name)) for code, name in countries), key=lambda c: sort_key(c[1]))


@cache
def _names_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return {sort_key(str(name)): code for code, name in countries}


def code_for(text: str) -> str | None:
    """The code meant by a code or a country's name (in the active language or English)."""
    value = text.strip()
    if is_country(value.upper()):
        return value.upper()
    key = sort_key(value)  # "Vietna" finds "Vietnã", as the suggestions do
    for language in (translation.get_language() or "en", "en"):
        code = _names_in(language).get(key)
        if code:
            return code
    return None


def validate_country_code(code: str) -> None:
    """For the model fields: what is stored is a known code or nothing."""
    if code and not is_country(code):
        raise ValidationError(
            _("“%(code)s” is not a country code (ISO 3166-1 alpha-2)."),
            code="not_a_country",
            params={"code": code},
        )


class CountryInput(forms.TextInput):
    """A text box with the country names as suggestions (a <datalist>): typing part of a name
    finds it, in any browser and with a screen reader, and the box shows the name, not a code."""

    template_name = "core/widgets/country_input.html"

    def format_value(self, value: object) -> str | None:
        text = str(value or "")
        return country_name(text) if is_country(text) else (text or None)

    def get_context(self, name: str, value: object, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}_countries"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["attrs"].setdefault("autocomplete", "off")
        context["list_id"] = list_id
        context["countries"] = choices()
        return context


class CountryField(forms.CharField):
    """One country, typed as its name (or its code) and cleaned to its code."""

    widget = CountryInput

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("help_text", _("Start typing the country's name and choose it."))
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> str:
        text = str(super().clean(value) or "")
        if not text:
            return ""
        code = code_for(text)
        if code is None:
            raise ValidationError(
                _("“%(value)s” is not a country: choose one from the list."),
                code="not_a_country",
                params={"value": text},
            )
        return code


class CountryListField(forms.MultipleChoiceField):
    """Several countries (transit), chosen from the same list; codes in, codes out."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("help_text", _("Hold Ctrl (or ⌘) to choose more than one."))
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 6}))
        super().__init__(choices=choices, **kwargs)  # type: ignore[arg-type]

    def to_python(self, value: object) -> list[str]:
        # A comma-separated text is read too, as older clients and the first form sent it.
        values = [value] if isinstance(value, str) else super().to_python(value)
        return [
            part.strip().upper() for text in values for part in str(text).split(",") if part.strip()
        ]

    def valid_value(self, value: str) -> bool:
        return is_country(value)

    def validate(self, value: list[str]) -> None:
        super(forms.ChoiceField, self).validate(value)  # required check only
        unknown = [code for code in value if not is_country(code)]
        if unknown:
            raise ValidationError(
                _("Not country codes (ISO 3166-1 alpha-2): %(codes)s"),
                code="not_a_country",
                params={"codes": ", ".join(unknown)},
            )


def names_of(codes: Iterable[str]) -> list[str]:
    return [country_name(code) for code in codes]
