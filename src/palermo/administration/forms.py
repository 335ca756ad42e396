from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import AgencyKind, Role
from palermo.jurisdiction.packs import NEVER_IDENTIFIES

REASON_LENGTH = 1000


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Username contains"), required=False, max_length=150)
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.all(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices], required=False)
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("all")), ("yes", _("active")), ("no", _("deactivated"))],
        required=False,
    )


class RolesForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all())
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )


class NewPersonForm(RolesForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Letters, digits and @ . + - _ only.")},
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Hand it to the person with the enrolment link, by another channel."),
    )
    field_order = ["username", "password", "agency", "roles"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Someone already has that username."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("username") and data.get("password"):
            try:
                validate_password(data["password"], User(username=data["username"]))
            except ValidationError as error:
                self.add_error("password", error)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted; the audit trail points at it."),
    )


class AgencyForm(forms.ModelForm[Agency]):
    class Meta:
        model = Agency
        fields = ["name", "kind", "is_committee_member", "identifies_victims"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("identifies_victims") and data.get("kind") in NEVER_IDENTIFIES:
            kind = AgencyKind(data["kind"]).label
            self.add_error(
                "identifies_victims",
                _("A %(kind)s refers victims; it cannot be the competent authority.")
                % {"kind": kind},
            )
        return data
