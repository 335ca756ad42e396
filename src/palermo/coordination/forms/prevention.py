"""Forms of campaigns, trainings (with trainees by agency and role) and inspections."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.coordination.forms.common import DateInput, limit_agencies
from palermo.coordination.models import (
    Audience,
    Campaign,
    CampaignLanguage,
    Inspection,
    Topic,
    Trainees,
    Training,
)


def _check_dates(form: forms.ModelForm[Any], start: str, end: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, ValidationError(_("The end is before the start.")))


def save_own(form: forms.ModelForm[Any], by: User, object_type: str) -> Model:
    """Save a record held by the user's agency, and audit it (these forms hold no personal
    data except an inspection's follow-up, which is only named)."""
    assert by.agency is not None
    created = form.instance.pk is None
    if created:
        form.instance.agency = by.agency
    saved = form.save()
    ref = getattr(saved, "reference", str(saved.pk))
    record_event(
        by,
        "create" if created else "update",
        object_type,
        ref,
        changes={"fields": sorted(form.changed_data)},
    )
    return saved


class CampaignForm(forms.ModelForm[Campaign]):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=CampaignLanguage.choices, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Campaign
        fields = ["title", "channel", "languages", "audiences", "starts_on", "ends_on", "reach"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def clean(self) -> dict[str, Any]:
        _check_dates(self, "starts_on", "ends_on")
        return self.cleaned_data


class TrainingForm(forms.ModelForm[Training]):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Training
        fields = ["course", "starts_on", "ends_on", "topics"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def clean(self) -> dict[str, Any]:
        _check_dates(self, "starts_on", "ends_on")
        return self.cleaned_data


class TraineesForm(forms.ModelForm[Trainees]):
    class Meta:
        model = Trainees
        fields = ["agency", "role", "count"]

    def __init__(self, *args: Any, user: User, training: Training, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "trainees")
        super().__init__(*args, **kwargs)
        limit_agencies(self, user, "agency")
        self.instance.training = training

    def validate_unique(self) -> None:
        # The training is set on the instance, not a form field: check the row is new here.
        data = self.cleaned_data
        rows = Trainees.objects.filter(
            training=self.instance.training, agency=data.get("agency"), role=data.get("role")
        )
        if rows.exists():
            self.add_error("role", _("This agency and role are already counted."))

    def save_for(self, by: User) -> Trainees:
        row = self.save()
        record_event(
            by, "trainees_added", "training", str(row.training.pk), changes={"count": row.count}
        )
        return row


class InspectionForm(forms.ModelForm[Inspection]):
    follow_up = forms.CharField(
        label=_("Follow-up"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored encrypted."),
    )

    class Meta:
        model = Inspection
        fields = [
            "kind",
            "inspected_on",
            "place",
            "sector",
            "workers_met",
            "indicators_found",
            "referrals_made",
            "follow_up",
        ]
        widgets = {"inspected_on": DateInput}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


__all__ = [
    "CampaignForm",
    "InspectionForm",
    "TraineesForm",
    "TrainingForm",
    "limit_agencies",
    "save_own",
]
