from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.linkreview.models import Decision
from palermo_analytics.linkage._settings import DEFAULT_THRESHOLD


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    threshold = forms.FloatField(
        label=_("Threshold used for the linkage"),
        min_value=0.01,
        max_value=0.99,
        initial=DEFAULT_THRESHOLD,
    )
    pairs = forms.FileField(
        label=_("Uncertain pairs (uncertain_pairs.csv from the linkage report)")
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
