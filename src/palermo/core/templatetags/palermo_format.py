"""How values are shown on every page: countries by name, never by code; dates in the one
format of the reader's language (palermo.formats)."""

import datetime
from collections.abc import Iterable

from django import template
from django.template.defaultfilters import date as format_date

from palermo.core import countries

register = template.Library()


@register.filter
def country(code: str | None) -> str:
    """``{{ person.nationality|country }}``: the name in the reader's language."""
    return countries.country_name(code or "")


@register.filter
def country_list(codes: Iterable[str] | None) -> str:
    return ", ".join(countries.names_of(codes or []))


@register.filter
def day(value: datetime.date | None) -> str:
    """``{{ case.opened_at|day }}``: the date alone, in the reader's language's format."""
    return format_date(value, "DATE_FORMAT") if value else ""


@register.filter
def moment(value: datetime.datetime | None) -> str:
    """``{{ entry.at|moment }}``: date and time, in the reader's language's format."""
    return format_date(value, "DATETIME_FORMAT") if value else ""
