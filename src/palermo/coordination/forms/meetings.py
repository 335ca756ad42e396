"""Forms of meetings and their action items."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.coordination.forms.common import DateInput, limit_agencies
from palermo.coordination.models import ActionItem, Measure, Meeting
from palermo.privacy.fields import personal_field_names


class MeetingForm(forms.ModelForm[Meeting]):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Stored encrypted: minutes may name people."),
    )

    class Meta:
        model = Meeting
        fields = ["kind", "title", "held_on", "agencies_present", "agenda", "minutes", "decisions"]
        widgets = {
            "held_on": DateInput,
            "agencies_present": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_agencies(self, user, "agencies_present")

    def save_for(self, by: User) -> Meeting:
        assert by.agency is not None
        created = self.instance.pk is None
        if created:
            self.instance.recorded_by = by.agency
        meeting = self.save()
        # The minutes may hold personal data: the audit says they changed, never what they say.
        personal = set(personal_field_names(Meeting))
        changed = sorted(name for name in self.changed_data if name not in personal)
        if personal & set(self.changed_data):
            changed.append("minutes")
        record_event(
            by,
            "create" if created else "update",
            "meeting",
            meeting.reference,
            changes={"fields": sorted(changed)},
        )
        return meeting


class ActionItemForm(forms.ModelForm[ActionItem]):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "deadline", "measure"]
        widgets = {"deadline": DateInput}

    def __init__(self, *args: Any, user: User, measures: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
        limit_agencies(self, user, "owner")
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ModelChoiceField)
        measure.queryset = measures
        measure.required = False

    def save_for(self, meeting: Meeting, by: User) -> ActionItem:
        self.instance.meeting = meeting
        item = self.save()
        record_event(
            by,
            "action_item_added",
            "meeting",
            meeting.reference,
            changes={"action_item": item.pk, "owner": item.owner.code},
        )
        return item


__all__ = ["ActionItemForm", "Measure", "MeetingForm"]
