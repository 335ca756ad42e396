from django import forms
from django.utils.translation import gettext_lazy as _

MAX_TOKEN_DAYS = 365


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the shelter's case system. Shown in the list, never secret."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_TOKEN_DAYS, initial=90
    )
