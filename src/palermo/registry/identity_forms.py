"""The forms of the merge and split page (apart from registry/forms.py, which others change)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.core import limits
from palermo.registry.models import Person


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Why"),
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept encrypted; the audit trail records that a reason was given."),
    )


class MergeForm(forms.Form):
    absorb = forms.CharField(
        label=_("Reference of the other record of this person"),
        max_length=20,
        help_text=_("Its cases and screenings move to this person. You can undo the merge."),
    )
    reason = _reason_field()

    def clean_absorb(self) -> str:
        return str(self.cleaned_data["absorb"]).strip().upper()


class SplitForm(forms.Form):
    cases = forms.MultipleChoiceField(
        label=_("Cases that belong to another person"), widget=forms.CheckboxSelectMultiple
    )
    given_name = forms.CharField(
        label=_("That person's given name"), max_length=limits.NAME, required=False
    )
    family_name = forms.CharField(
        label=_("That person's family name"), max_length=limits.NAME, required=False
    )
    reason = _reason_field()

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        references = person.victim_cases.values_list("reference", flat=True)
        self.fields["cases"].choices = [(ref, ref) for ref in references]  # type: ignore[attr-defined]
