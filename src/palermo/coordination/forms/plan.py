"""Forms of the action plan: a measure, its indicators, and the owner's progress report."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.coordination.bound_figures import figure_choices
from palermo.coordination.forms.common import DateInput, limit_agencies
from palermo.coordination.models import (
    Indicator,
    IndicatorValue,
    Measure,
    ProgressReport,
    ProgressStatus,
    record_progress,
)
from palermo.coordination.periods import parse_period, recent_quarters


class MeasureForm(forms.ModelForm[Measure]):
    class Meta:
        model = Measure
        fields = [
            "code",
            "pillar",
            "objective",
            "description",
            "lead_agency",
            "partners",
            "starts_on",
            "deadline",
            "budget_allocated",
            "status",
        ]
        widgets = {
            "starts_on": DateInput,
            "deadline": DateInput,
            "partners": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_agencies(self, user, "lead_agency", "partners")

    def save_for(self, by: User) -> Measure:
        created = self.instance.pk is None
        measure = self.save()
        record_event(
            by,
            "create" if created else "update",
            "measure",
            measure.reference,
            changes={"fields": sorted(self.changed_data)},
        )
        return measure


class IndicatorForm(forms.ModelForm[Indicator]):
    figure = forms.ChoiceField(label=_("Computed from"), required=False, choices=())

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "figure"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "indicator")
        super().__init__(*args, **kwargs)
        figure = self.fields["figure"]
        assert isinstance(figure, forms.ChoiceField)
        figure.choices = figure_choices()

    def save_for(self, measure: Measure, by: User) -> Indicator:
        self.instance.measure = measure
        indicator = self.save()
        record_event(
            by,
            "indicator_added",
            "measure",
            measure.reference,
            changes={"indicator": indicator.pk, "figure": indicator.figure},
        )
        return indicator


class PeriodTargetForm(forms.Form):
    """A target for one period (a quarter or a year), where it differs from the overall one."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("e.g. 2026Q3 or 2026"))
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2, min_value=0)

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "target")
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ModelChoiceField)
        indicator.queryset = measure.indicators.all()

    def clean_period(self) -> str:
        try:
            return parse_period(self.cleaned_data["period"]).code
        except ValueError as error:
            raise forms.ValidationError(_("Write a year (2026) or a quarter (2026Q3).")) from error

    def save_for(self, measure: Measure, by: User) -> IndicatorValue:
        data = self.cleaned_data
        value, _created = IndicatorValue.objects.update_or_create(
            indicator=data["indicator"], period=data["period"], defaults={"target": data["target"]}
        )
        record_event(
            by,
            "indicator_target_set",
            "measure",
            measure.reference,
            changes={"indicator": value.indicator_id, "period": value.period},
        )
        return value


class ProgressForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    status = forms.ChoiceField(label=_("Progress"), choices=ProgressStatus.choices)
    narrative = forms.CharField(
        label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    late_reason = forms.CharField(
        label=_("Why it is late"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the measure is behind or past its deadline."),
    )
    budget_spent = forms.DecimalField(
        label=_("Budget spent so far"), required=False, max_digits=14, decimal_places=2, min_value=0
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "progress")
        super().__init__(*args, **kwargs)
        self.measure = measure
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [(p.code, p.code) for p in recent_quarters(timezone.localdate())]
        self.hand_indicators = list(measure.indicators.filter(figure=""))
        for indicator in self.hand_indicators:
            self.fields[f"actual_{indicator.pk}"] = forms.DecimalField(
                label=indicator.name, required=False, max_digits=14, decimal_places=2
            )

    def save_for(self, by: User) -> ProgressReport:
        data = self.cleaned_data
        actuals: dict[int, Decimal] = {
            i.pk: data[f"actual_{i.pk}"]
            for i in self.hand_indicators
            if data.get(f"actual_{i.pk}") is not None
        }
        return record_progress(
            self.measure,
            data["period"],
            data["status"],
            data["narrative"],
            by,
            late_reason=data["late_reason"],
            budget_spent=data["budget_spent"],
            actuals=actuals,
        )
