"""Dates a person can mean: a form refuses year 1 and year 9999 instead of storing them."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
YEARS_AHEAD = 50  # the furthest a reflection period, an authorisation or a hearing can reach


def latest() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD)


def sane_date(value: datetime.date | None) -> None:
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not EARLIEST <= value <= latest():
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST.isoformat(), "latest": latest().isoformat()},
        )


class SaneDateField(forms.DateField):
    default_validators = [sane_date]


class SaneDateTimeField(forms.DateTimeField):
    default_validators = [sane_date]
