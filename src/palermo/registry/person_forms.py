"""Correcting a person's details after the case is opened (the owning agency only)."""

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.core import limits
from palermo.core.countries import CountryField
from palermo.core.dates import SaneDateField
from palermo.registry.models import ChildProtection, PersonCorrection, VictimCase
from palermo.registry.models.child import CHILD_FIELDS, record_child_protection
from palermo.registry.models.correction import CORRECTABLE, correct_person
from palermo.registry.vocabulary import Sex

PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class PersonDetailsForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=limits.NAME)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=limits.NAME)
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("As much as is known: 1999, 1999-04 or 1999-04-17."),
    )
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1900)
    estimated_age = forms.IntegerField(
        label=_("Estimated age"), required=False, min_value=0, max_value=120
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    nationality = CountryField(label=_("Nationality"), required=False)
    reason = forms.CharField(
        label=_("Why the details are corrected"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )

    def __init__(self, *args: Any, case: VictimCase, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(case.person, name) for name in CORRECTABLE})
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["birth_year"].max_value = timezone.localdate().year  # type: ignore[attr-defined]

    def clean_date_of_birth(self) -> str:
        text = str(self.cleaned_data["date_of_birth"]).strip()
        if text and not _is_partial_date(text):
            raise forms.ValidationError(
                _("Write the date of birth as 1999, 1999-04 or 1999-04-17."), code="invalid"
            )
        return text

    def save(self, by: User) -> PersonCorrection | None:
        values = {name: self.cleaned_data[name] for name in CORRECTABLE}
        return correct_person(self.case, by, values, self.cleaned_data["reason"])


def _is_partial_date(text: str) -> bool:
    if not PARTIAL_DATE.match(text):
        return False
    parts = [int(part) for part in text.split("-")]
    try:
        datetime.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except ValueError:
        return False
    return 1900 <= parts[0] <= timezone.localdate().year


class ChildProtectionForm(forms.ModelForm[ChildProtection]):
    class Meta:
        model = ChildProtection
        fields = list(CHILD_FIELDS)
        field_classes = {"assessed_on": SaneDateField}
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}),
            "best_interests_assessment": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "best_interests_assessment": _(
                "What is best for the child, and why: every decision on the case weighs it."
            ),
        }

    def clean_assessed_on(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data.get("assessed_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return day

    def save_for(self, case: VictimCase, by: User) -> ChildProtection:
        values = {name: self.cleaned_data.get(name) for name in CHILD_FIELDS}
        values = {k: ("" if v is None and k != "assessed_on" else v) for k, v in values.items()}
        return record_child_protection(case, by, values)
