"""The case list's computed columns, for templates (see `palermo.registry.columns`)."""

from typing import Any

from django import template

from palermo.registry import columns

register = template.Library()


@register.filter
def age_group(case: Any) -> str:
    return columns.age_group_of(case)


@register.filter
def sex(case: Any) -> str:
    return columns.sex_of(case)


@register.filter
def flags(case: Any) -> list[str]:
    return columns.flags_of(case)
