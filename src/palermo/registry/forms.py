"""Forms of the victim case pages. Personal values never travel in a GET form (search uses POST)."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Agency, User
from palermo.audit.log import record_event
from palermo.core import limits
from palermo.core.countries import CountryField, CountryListField
from palermo.core.dates import SaneDateField
from palermo.registry.models import (
    Consent,
    Document,
    Exploitation,
    Referral,
    Service,
    Stage,
    VictimCase,
)
from palermo.registry.models.document import EXTENSIONS, DocumentType
from palermo.registry.models.exploitation import CODE_LISTS
from palermo.registry.models.referral import ServiceKind, Urgency
from palermo.registry.uploads import UnsafeUpload, checked_content
from palermo.registry.vocabulary import ExploitationForm

# What a file must start with to be what it claims (the extension alone proves nothing).
SIGNATURES: dict[str, bytes] = {
    DocumentType.PDF: b"%PDF-",
    DocumentType.JPEG: b"\xff\xd8\xff",
    DocumentType.PNG: b"\x89PNG\r\n\x1a\n",
}
EXTENSION_TYPES: dict[str, str] = {
    **{extension: kind for kind, extension in EXTENSIONS.items()},
    "jpeg": DocumentType.JPEG,
}


class DateInput(forms.DateInput):
    input_type = "date"


def agencies_for(user: User) -> QuerySet[Agency]:
    """The agencies of the user's jurisdiction: the only ones a case there can deal with."""
    if user.agency is None:
        return Agency.objects.none()
    return Agency.objects.filter(jurisdiction=user.agency.jurisdiction_id)


class CaseFilterForm(forms.Form):
    """Filters on the case list and the search page: never anything personal."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    agency = forms.ModelChoiceField(
        label=_("Owning agency"), queryset=Agency.objects.none(), required=False
    )
    year = forms.TypedChoiceField(label=_("Year opened"), coerce=int, required=False)
    form = forms.ChoiceField(label=_("Form of exploitation"), required=False)

    def __init__(self, *args: Any, user: User, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything: list[tuple[Any, Any]] = [("", _("any"))]
        self._choose("stage", anything + list(Stage.choices))
        self._choose("form", anything + list(ExploitationForm.choices))
        self._choose("year", anything + [(y, str(y)) for y in years])
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies_for(user)
        agency_field.empty_label = _("any")

    def _choose(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class SearchForm(CaseFilterForm):
    reference = forms.CharField(label=_("Case reference"), max_length=20, required=False)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("All or part of a name or an alias, in any order or spelling."),
    )
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)

    field_order = ["reference", "name", "document_number", "stage", "agency", "year", "form"]

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip().upper()


class MoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.REASON
    )


class PresumedVictimMoveForm(MoveForm):
    reflection_period_start = SaneDateField(
        label=_("Reflection period from"),
        required=False,
        widget=DateInput,
        help_text=_("Today if left empty."),
    )
    reflection_period_end = SaneDateField(
        label=_("Reflection period until"),
        required=False,
        widget=DateInput,
        help_text=_("30 days after the start if left empty."),
    )


class IdentifiedMoveForm(MoveForm):
    competent_authority = forms.ModelChoiceField(
        label=_("Competent authority"), queryset=Agency.objects.none()
    )
    decision = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.NOTE
    )
    identified_on = SaneDateField(
        label=_("Decided on"), required=False, widget=DateInput, help_text=_("Today if empty.")
    )


def move_form_for(stage: str, user: User, data: Any = None, **kwargs: Any) -> MoveForm:
    """The form for one next stage, with the fields that stage needs."""
    # The case file shows one form per next stage: the prefix keeps their fields apart.
    kwargs.setdefault("prefix", f"move-{stage}")
    if stage == Stage.PRESUMED_VICTIM:
        return PresumedVictimMoveForm(data, **kwargs)
    if stage == Stage.IDENTIFIED:
        form = IdentifiedMoveForm(data, **kwargs)
        authority = form.fields["competent_authority"]
        assert isinstance(authority, forms.ModelChoiceField)
        # Only the pack's competent authorities: never an NGO, the hotline or health.
        authority.queryset = agencies_for(user).filter(identifies_victims=True)
        return form
    return MoveForm(data, **kwargs)


def move_details(form: MoveForm) -> dict[str, Any]:
    """The model's keyword arguments for the stage details (everything but the reason)."""
    return {k: v for k, v in form.cleaned_data.items() if k != "reason" and v not in (None, "")}


class ExploitationDetailsForm(forms.ModelForm[Exploitation]):
    country_of_origin = CountryField(label=_("Country of origin"), required=False)
    transit_countries = CountryListField(label=_("Transit countries"), required=False)
    country_of_exploitation = CountryField(label=_("Country of exploitation"), required=False)
    was_abducted = forms.NullBooleanField(label=_("Abducted"), required=False)

    class Meta:
        model = Exploitation
        fields = [
            *CODE_LISTS,
            "was_abducted",
            "country_of_origin",
            "transit_countries",
            "country_of_exploitation",
            "began",
            "ended",
        ]
        widgets = {"began": DateInput, "ended": DateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in CODE_LISTS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=self.fields[name].label,
                choices=choices.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def checkbox_groups(self) -> list[forms.BoundField]:
        return [self[name] for name in CODE_LISTS]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in CODE_LISTS]

    def save_for(self, case: VictimCase, by: User) -> Exploitation:
        """Save the validated details of the case (the page and the API both come here)."""
        self.instance.case = case
        exploitation = self.save()
        # Codes and dates only: nothing here identifies the person.
        record_event(
            by,
            "exploitation_changed",
            "victim_case",
            case.reference,
            changes={"fields": sorted(self.changed_data)},
        )
        return exploitation


class ServiceForm(forms.ModelForm[Service]):
    class Meta:
        model = Service
        fields = ["kind", "provider", "started_on", "ended_on", "notes"]
        field_classes = {"started_on": SaneDateField, "ended_on": SaneDateField}
        labels = {"provider": _("Provider")}
        widgets = {
            "started_on": DateInput,
            "ended_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "service")
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = agencies_for(user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("A service cannot end before it started."))
        return cleaned

    def save_for(self, case: VictimCase, by: User) -> Service:
        """Record the validated service on the case (the page and the API both come here)."""
        self.instance.case = case
        service = self.save()
        # The notes are personal: the audit trail says a service was added, not what it says.
        record_event(
            by, "service_added", "victim_case", case.reference, changes={"service": service.kind}
        )
        return service


class ConsentForm(forms.ModelForm[Consent]):
    class Meta:
        model = Consent
        fields = ["given_on", "form", "covers_referral"]
        field_classes = {"given_on": SaneDateField}
        labels = {"form": _("How the consent was given")}
        widgets = {"given_on": DateInput, "form": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "consent")
        super().__init__(*args, **kwargs)

    def clean_given_on(self) -> datetime.date:
        given_on: datetime.date = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("Consent cannot be given in the future."))
        return given_on

    def save_for(self, case: VictimCase, by: User) -> Consent:
        """Record the validated consent on the case (the page and the API both come here)."""
        cleaned = self.cleaned_data
        self.instance = Consent.record(
            case,
            by,
            form=cleaned["form"],
            covers_referral=cleaned["covers_referral"],
            given_on=cleaned["given_on"],
        )
        return self.instance


class ReferralForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Refer to"), queryset=Agency.objects.none())
    service = forms.ChoiceField(label=_("For the service"), choices=ServiceKind.choices)
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, initial=Urgency.ROUTINE, required=False
    )
    note = forms.CharField(
        label=_("Note to the receiving agency"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "referral")
        super().__init__(*args, **kwargs)
        to_agency = self.fields["to_agency"]
        assert isinstance(to_agency, forms.ModelChoiceField)
        to_agency.queryset = agencies_for(user).exclude(pk=user.agency_id or 0)

    def send_for(self, case: VictimCase, by: User) -> Referral:
        """Send the validated referral; the model refuses a case without consent."""
        data = self.cleaned_data
        return Referral.send(
            case,
            data["to_agency"],
            data["service"],
            by,
            note=data["note"],
            urgency=data["urgency"] or Urgency.ROUTINE,
        )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG or PNG."), widget=forms.FileInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.PALERMO_MAX_UPLOAD_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is too big: the limit is %(limit)s MB."),
                params={"limit": f"{limit / 1024 / 1024:.1f}"},
            )
        content_type = _type_of(upload)
        upload.seek(0)
        try:
            self.cleaned_data["content"] = checked_content(upload.read(), content_type)
        except UnsafeUpload:
            raise forms.ValidationError(
                _(
                    "This file cannot be accepted: it is damaged, or it carries active content "
                    "(scripts, automatic actions, embedded files or web pages)."
                )
            ) from None
        self.cleaned_data["content_type"] = content_type
        return upload

    def store_for(self, case: VictimCase, by: User) -> Document:
        """Store the validated file on the case, encrypted (the page and the API both come here)."""
        upload: UploadedFile = self.cleaned_data["file"]
        content_type = self.cleaned_data["content_type"]
        content = self.cleaned_data["content"]  # checked whole; images re-encoded
        return Document.store(case, content, content_type, (upload.name or "")[:255], by)


def _type_of(upload: UploadedFile) -> str:
    """The document type, when both the extension and the first bytes agree on it."""
    extension = (upload.name or "").rsplit(".", 1)[-1].lower()
    claimed = EXTENSION_TYPES.get(extension)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if claimed is None or not head.startswith(SIGNATURES[claimed]):
        raise forms.ValidationError(
            _("Only PDF, JPEG and PNG files can be uploaded, and the file must really be one.")
        )
    return claimed


class BreakGlassForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=20)
    reason = forms.CharField(
        label=_("Why you need emergency access"),
        min_length=10,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At least a sentence. It is recorded in the audit trail."),
    )

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip().upper()


class BreakGlassReviewForm(forms.Form):
    justified = forms.TypedChoiceField(
        label=_("Was the emergency access justified?"),
        choices=[("yes", _("Justified")), ("no", _("Not justified"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Review note"),
        min_length=10,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At least a sentence. It is stored encrypted, not in the audit trail."),
    )
