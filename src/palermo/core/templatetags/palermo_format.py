"""How values are shown on every page: countries by name, never by code."""

from collections.abc import Iterable

from django import template

from palermo.core import countries

register = template.Library()


@register.filter
def country(code: str | None) -> str:
    """``{{ person.nationality|country }}``: the name in the reader's language."""
    return countries.country_name(code or "")


@register.filter
def country_list(codes: Iterable[str] | None) -> str:
    return ", ".join(countries.names_of(codes or []))
