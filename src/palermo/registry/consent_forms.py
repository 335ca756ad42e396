"""Withdrawing consent: a deliberate act, confirmed and explained, that ends what it covered."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.core import limits
from palermo.registry.models import Consent, Referral


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the consent is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
        help_text=_("Kept encrypted with the consent."),
    )
    confirm = forms.BooleanField(
        label=_("I confirm: the person withdraws this consent, and the referrals it covers end."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )

    def __init__(self, *args: Any, consent: Consent, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"withdraw-{consent.pk}")
        super().__init__(*args, **kwargs)
        self.consent = consent

    def withdraw(self, by: User) -> list[Referral]:
        return self.consent.withdraw(by, self.cleaned_data["reason"])
