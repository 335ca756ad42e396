from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class YearsForm(forms.Form):
    year_from = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise forms.ValidationError(_("The first year comes after the last."))
        return data


class CtdcExportForm(YearsForm):
    k = forms.IntegerField(label=_("k (smallest group)"), min_value=2, max_value=100, initial=11)
    l = forms.IntegerField(  # noqa: E741
        label=_("ℓ (distinct sensitive values per group)"), min_value=1, max_value=10, initial=2
    )
    suppress_max = forms.FloatField(
        label=_("Largest share of rows suppressed (%)"), min_value=0, max_value=50, initial=5
    )


class DpTablesForm(YearsForm):
    epsilon = forms.FloatField(
        label=_("ε (privacy loss)"), min_value=0.01, max_value=10, initial=1.0
    )
