"""How values are shown on every page: countries by name, never by code; dates in the one
format of the reader's language (palermo.formats); amounts with the jurisdiction's currency."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import template
from django.template.defaultfilters import date as format_date

from palermo.core import countries
from palermo.core.money import active_currency, format_money

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


@register.simple_tag(takes_context=True)
def money(context: template.Context, amount: Any) -> str:
    """``{% money measure.budget_spent %}`` or ``{% money sentence.fine as fine %}``: the amount
    in the reader's language's number format with the jurisdiction's currency code. The code is
    looked up once per template rendered (render_context), not once per amount."""
    if "palermo_currency" not in context.render_context:
        context.render_context["palermo_currency"] = active_currency()
    return format_money(amount, context.render_context["palermo_currency"])
