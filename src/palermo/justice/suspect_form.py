"""Adding a suspect: a new Person, checked first against the persons already on record with the
registry's duplicate check (palermo.registry.duplicates, docs/duplicates.md) and its visibility
rules — a match the user may see is shown, any other only as "a possible match at <agency>"."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.core import limits
from palermo.core.countries import CountryField
from palermo.core.dates import SaneDateField
from palermo.justice.models import CriminalCase, Suspect
from palermo.justice.models.case import SuspectRole
from palermo.registry.duplicates import (
    PersonChoice,
    PossibleDuplicates,
    check_new_person,
    record_new_person_confirmation,
)
from palermo.registry.vocabulary import Sex

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def reason_box() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 2})


class SuspectForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationality = CountryField(label=_("Nationality"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("not known")), *SuspectRole.choices]
    )
    arrested_on = SaneDateField(label=_("Arrested on"), widget=DATE, required=False)
    # Shown only once a likely match was found: why the suspect is someone else.
    new_person_reason = forms.CharField(
        label=_("Why this suspect is not the person already on record"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "suspect")
        super().__init__(*args, **kwargs)
        self.user = user
        self.matches: list[dict[str, Any]] = []  # as shown to the user (visibility applied)
        self.set_aside: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("given_name", "").strip() or data.get("family_name", "").strip()):
            raise forms.ValidationError(_("Give at least a given name or a family name."))
        if self.user is not None and not self.errors:
            self._check_for_duplicates(data)
        return data

    def _check_for_duplicates(self, data: dict[str, Any]) -> None:
        reason = data.get("new_person_reason", "")
        try:
            choice = PersonChoice(new_person_reason=reason)
            self.set_aside = check_new_person(self.user, data, choice)  # type: ignore[arg-type]
        except PossibleDuplicates as found:
            self.matches = found.shown_to_user()
            self.fields["new_person_reason"].widget = reason_box()
            self.add_error(
                "new_person_reason",
                _("This suspect may already be on record: say why this is someone else."),
            )
        except forms.ValidationError:
            self.fields["new_person_reason"].widget = reason_box()
            raise

    def record_on(self, case: CriminalCase, by: User) -> Suspect:
        data = self.cleaned_data
        suspect = Suspect.record(
            case,
            by,
            (data["given_name"], data["family_name"]),
            role=data["role"],
            arrested_on=data["arrested_on"],
            sex=data["sex"],
            nationality=data["nationality"],
        )
        if self.set_aside:  # likely matches were shown and the user said why this is another
            record_new_person_confirmation(
                by, suspect.person, data["new_person_reason"], self.set_aside
            )
        return suspect
