"""Amounts of money as a reader of each language writes them: the language's separators (Django's
number formatting, palermo.formats) and the jurisdiction's currency code (ISO 4217, from its
pack), placed where the language puts it (a translatable pattern, not a table of locales)."""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext


def active_currency() -> str:
    """The active jurisdiction's currency code ("MOP"), or "" when its pack names none."""
    from palermo.jurisdiction.models import Jurisdiction

    jurisdiction = Jurisdiction.objects.active()
    return jurisdiction.currency if jurisdiction else ""


def format_money(amount: Decimal | int | float | None, currency: str) -> str:
    """``1234.5`` → "MOP 1,234.50" (en), "1.234,50 MOP" (pt); "" for no amount."""
    if amount is None or amount == "":
        return ""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    if not currency:
        return number
    # Translators: an amount of money; put the currency code where your language writes it.
    return gettext("%(currency)s %(amount)s") % {"currency": currency, "amount": number}
