"""The forms of the day-to-day work on a case: assignment, notes and care plan tasks."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.core import limits
from palermo.registry.models import CarePlanTask, CaseNote, VictimCase
from palermo.registry.models.casework import case_workers_of


class WorkerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class AssignForm(forms.Form):
    worker = WorkerChoice(label=_("Case worker"), queryset=User.objects.none())

    def __init__(self, *args: Any, case: VictimCase, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "assign")
        super().__init__(*args, **kwargs)
        self.case = case
        worker = self.fields["worker"]
        assert isinstance(worker, forms.ModelChoiceField)
        worker.queryset = case_workers_of(case.owning_agency_id)

    def save_for(self, by: User) -> None:
        self.case.assign_to(self.cleaned_data["worker"], by=by)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.NOTE
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "note")
        super().__init__(*args, **kwargs)

    def save_for(self, case: VictimCase, by: User) -> CaseNote:
        return CaseNote.write(case, self.cleaned_data["text"], by)


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Task"), max_length=limits.REASON)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    assigned_to = WorkerChoice(label=_("Assigned to"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, case: VictimCase, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "task")
        super().__init__(*args, **kwargs)
        worker = self.fields["assigned_to"]
        assert isinstance(worker, forms.ModelChoiceField)
        worker.queryset = case_workers_of(case.owning_agency_id)
        worker.empty_label = _("nobody in particular")

    def save_for(self, case: VictimCase, by: User) -> CarePlanTask:
        data = self.cleaned_data
        return CarePlanTask.plan(
            case, data["description"], data["due_on"], by, assigned_to=data.get("assigned_to")
        )
