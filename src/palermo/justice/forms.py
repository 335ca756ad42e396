"""Forms for the criminal case pages and the JSON API. They check the shape of the input and hand
it to the model (the page and the API both act through the form's method); the rules of the
procedure (who may act, which stage comes next) are the models' and come back as ValidationError.

Each form's prefix is a default: the API passes `prefix=None` to take unprefixed field names."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import AgencyKind
from palermo.core import limits
from palermo.core.dates import SaneDateField, SaneDateTimeField
from palermo.jurisdiction.models import Jurisdiction, LegalProvision
from palermo.justice.models import (
    CourtDecision,
    CriminalCase,
    CriminalStage,
    CriminalTransition,
    JudicialAuthorisation,
    Suspect,
    VictimLink,
)
from palermo.justice.models.authorisation import AuthorisationKind
from palermo.justice.models.case import VictimCapacity
from palermo.justice.models.court import Appeal, AppealOutcome, Appellant, Charge, Outcome
from palermo.justice.suspect_form import SuspectForm as SuspectForm  # its own module

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_TIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
REASON = forms.Textarea(attrs={"rows": 3})

# How a move reads on its button, where the stage name alone would not say what happens.
MOVE_LABELS: dict[str, Any] = {
    CriminalStage.INVESTIGATION: _("open the investigation"),
    CriminalStage.PROSECUTION: _("send to prosecution"),
    CriminalStage.TRIAL: _("submit to court"),
    CriminalStage.DECIDED: _("record the judgment"),
    CriminalStage.APPEAL: _("open the appeal"),
    CriminalStage.CLOSED: _("close the case"),
}


def active_provisions() -> QuerySet[LegalProvision]:
    return LegalProvision.objects.filter(jurisdiction=Jurisdiction.objects.active()).order_by(
        "code"
    )


def agencies_of_kind(kind: str) -> QuerySet[Agency]:
    return Agency.objects.filter(jurisdiction=Jurisdiction.objects.active(), kind=kind)


class ProvisionChoice(forms.ModelChoiceField[LegalProvision]):
    def label_from_instance(self, obj: LegalProvision) -> str:
        return f"{obj.code} — {obj.title}"


class ProvisionsChoice(forms.ModelMultipleChoiceField[LegalProvision]):
    def label_from_instance(self, obj: LegalProvision) -> str:
        return f"{obj.code} — {obj.title}"


class SuspectChoice(forms.ModelChoiceField[Suspect]):
    # The names are shown here as on the rest of the case file, never in lists elsewhere.
    def label_from_instance(self, obj: Suspect) -> str:
        return obj.person.full_name() or obj.person.reference


class ChargeChoice(forms.ModelChoiceField[Charge]):
    def label_from_instance(self, obj: Charge) -> str:
        person = obj.suspect.person
        return f"{person.full_name() or person.reference} — {obj.provision.code}"


class DecisionChoice(forms.ModelChoiceField[CourtDecision]):
    def label_from_instance(self, obj: CourtDecision) -> str:
        day = date_format(obj.decided_on, "SHORT_DATE_FORMAT")
        person = obj.charge.suspect.person
        return (
            f"{person.full_name() or person.reference} — {obj.charge.provision.code} — "
            f"{obj.get_outcome_display()} ({day})"
        )


class CaseFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("any stage")), *CriminalStage.choices]
    )
    year = forms.TypedChoiceField(label=_("Year reported"), required=False, coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [("", _("any year")), *((y, str(y)) for y in years)]

    def filter(self, cases: QuerySet[CriminalCase]) -> QuerySet[CriminalCase]:
        if not self.is_valid():
            return cases
        if self.cleaned_data["stage"]:
            cases = cases.filter(stage=self.cleaned_data["stage"])
        if self.cleaned_data["year"]:
            cases = cases.filter(reported_on__year=self.cleaned_data["year"])
        return cases


class CaseOpenForm(forms.Form):
    reported_on = SaneDateField(label=_("Reported on"), widget=DATE, initial=timezone.localdate)
    provisions = ProvisionsChoice(
        label=_("Offences"),
        queryset=LegalProvision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_sex_trafficking = forms.BooleanField(label=_("Sex trafficking"), required=False)
    is_labour_trafficking = forms.BooleanField(label=_("Labour trafficking"), required=False)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=limits.SUMMARY,
        widget=forms.Textarea,
        help_text=_("Stored encrypted. Shown only on the case file."),
    )
    reason = forms.CharField(
        label=_("Why the investigation opens"), widget=REASON, max_length=limits.REASON
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provisions = self.fields["provisions"]
        assert isinstance(provisions, ProvisionsChoice)
        provisions.queryset = active_provisions()

    def clean_reported_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A report cannot be dated in the future."))
        return day

    def open_case(self, by: User) -> CriminalCase:
        data = self.cleaned_data
        return CriminalCase.open(
            by,
            data["reason"],
            data["provisions"],
            reported_on=data["reported_on"],
            is_sex_trafficking=data["is_sex_trafficking"],
            is_labour_trafficking=data["is_labour_trafficking"],
            summary=data["summary"],
        )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Next step"))
    prosecution = forms.ModelChoiceField(
        label=_("Prosecution office"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Needed to send the case to prosecution."),
    )
    court = forms.ModelChoiceField(
        label=_("Court"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Needed to submit the case to court."),
    )
    reason = forms.CharField(label=_("Why"), widget=REASON, max_length=limits.REASON)

    def __init__(self, *args: Any, case: CriminalCase, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "move")
        super().__init__(*args, **kwargs)
        self.case = case
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [(s, MOVE_LABELS.get(s, s)) for s in case.next_stages()]
        # Offer the agency choices only where the next step needs them.
        for name, needed_for, kind in [
            ("prosecution", CriminalStage.PROSECUTION, AgencyKind.PROSECUTION),
            ("court", CriminalStage.TRIAL, AgencyKind.COURT),
        ]:
            if needed_for in case.next_stages():
                field = self.fields[name]
                assert isinstance(field, forms.ModelChoiceField)
                field.queryset = agencies_of_kind(kind)
            else:
                del self.fields[name]

    def move(self, by: User) -> CriminalTransition:
        """Sending to prosecution and submitting to court also name the agency taking it on."""
        stage, reason = self.cleaned_data["stage"], self.cleaned_data["reason"]
        if stage == CriminalStage.PROSECUTION:
            return self.case.send_to_prosecution(self.cleaned_data.get("prosecution"), by, reason)
        if stage == CriminalStage.TRIAL:
            return self.case.submit_to_court(self.cleaned_data.get("court"), by, reason)
        return self.case.move_to(stage, by, reason)


class ChargeForm(forms.Form):
    suspect = SuspectChoice(label=_("Suspect"), queryset=Suspect.objects.none())
    provision = ProvisionChoice(label=_("Provision"), queryset=LegalProvision.objects.none())

    def __init__(self, *args: Any, case: CriminalCase, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "charge")
        super().__init__(*args, **kwargs)
        self.case = case
        suspect = self.fields["suspect"]
        assert isinstance(suspect, SuspectChoice)
        suspect.queryset = case.suspects.select_related("person").order_by("pk")
        provision = self.fields["provision"]
        assert isinstance(provision, ProvisionChoice)
        provision.queryset = active_provisions()

    def file(self, by: User) -> Charge:
        return Charge.file(
            self.case, self.cleaned_data["suspect"], self.cleaned_data["provision"], by
        )


class AuthorisationRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Measure"), choices=AuthorisationKind.choices)
    court = forms.ModelChoiceField(label=_("Court"), queryset=Agency.objects.none())
    scope = forms.CharField(
        label=_("Scope"), widget=REASON, max_length=limits.SUMMARY, help_text=_("Stored encrypted.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "authorisation")
        super().__init__(*args, **kwargs)
        court = self.fields["court"]
        assert isinstance(court, forms.ModelChoiceField)
        court.queryset = agencies_of_kind(AgencyKind.COURT)

    def request_for(self, case: CriminalCase, by: User) -> JudicialAuthorisation:
        data = self.cleaned_data
        return JudicialAuthorisation.request(case, by, data["kind"], data["court"], data["scope"])


class AuthorisationDecisionForm(forms.Form):
    """Granted or refused by the button pressed; a grant needs an expiry, which the model
    checks lies in the future."""

    decision = forms.ChoiceField(choices=[("grant", _("Grant")), ("refuse", _("Refuse"))])
    expires_at = SaneDateTimeField(
        label=_("In force until"),
        widget=DATE_TIME,
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )

    def __init__(self, *args: Any, pk: int, **kwargs: Any) -> None:
        # One form per request on the page: unique field ids.
        kwargs.setdefault("prefix", f"decide-{pk}")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "grant" and not data.get("expires_at"):
            message = _("A granted authorisation needs an expiry date and time.")
            self.add_error("expires_at", message)
        return data

    def decide(self, authorisation: JudicialAuthorisation, by: User) -> None:
        granted = self.cleaned_data["decision"] == "grant"
        authorisation.decide(granted, by, self.cleaned_data["expires_at"])


class CourtDecisionForm(forms.Form):
    SENTENCE_FIELDS = ("prison_months", "suspended", "fine", "compensation_to_victims")
    charge = ChargeChoice(label=_("Charge"), queryset=Charge.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decided_on = SaneDateField(label=_("Decided on"), widget=DATE, initial=timezone.localdate)
    is_final = forms.BooleanField(label=_("Final (no further appeal)"), required=False)
    prison_months = forms.IntegerField(
        label=_("Prison (months)"), min_value=0, max_value=limits.MAX_PRISON_MONTHS, initial=0
    )
    suspended = forms.BooleanField(label=_("Prison term suspended"), required=False)
    fine = forms.DecimalField(
        label=_("Fine"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    compensation_to_victims = forms.DecimalField(
        label=_("Compensation to victims"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )

    def __init__(self, *args: Any, case: CriminalCase, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decision")
        super().__init__(*args, **kwargs)
        charge = self.fields["charge"]
        assert isinstance(charge, ChargeChoice)
        charge.queryset = (
            case.charges.exclude(decisions__is_final=True)
            .select_related("provision", "suspect__person")
            .order_by("pk")
        )

    def sentence(self) -> dict[str, Any] | None:
        """The sentence to record: only with a conviction (the other fields are ignored)."""
        if self.cleaned_data["outcome"] != Outcome.CONVICTED:
            return None
        return {name: self.cleaned_data[name] for name in self.SENTENCE_FIELDS}

    def record(self, by: User) -> CourtDecision:
        data = self.cleaned_data
        return CourtDecision.record(
            data["charge"],
            by,
            data["outcome"],
            data["decided_on"],
            is_final=data["is_final"],
            sentence=self.sentence(),
        )


class AppealForm(forms.Form):
    decision = DecisionChoice(label=_("Decision appealed"), queryset=CourtDecision.objects.none())
    filed_on = SaneDateField(label=_("Filed on"), widget=DATE, initial=timezone.localdate)
    by_party = forms.ChoiceField(label=_("Appellant"), choices=Appellant.choices)

    def __init__(self, *args: Any, case: CriminalCase, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "appeal")
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, DecisionChoice)
        decision.queryset = (
            CourtDecision.objects.filter(charge__case=case, is_final=False)
            .select_related("charge__provision", "charge__suspect__person")
            .order_by("pk")
        )

    def file(self, by: User) -> Appeal:
        data = self.cleaned_data
        return Appeal.file(data["decision"], by, data["filed_on"], data["by_party"])


class AppealOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Appeal outcome"), choices=AppealOutcome.choices)
    decided_on = SaneDateField(label=_("Decided on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args: Any, pk: int, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"appeal-{pk}")  # one form per open appeal on the page
        super().__init__(*args, **kwargs)

    def decide(self, appeal: Appeal, by: User) -> None:
        appeal.decide(by, self.cleaned_data["outcome"], self.cleaned_data["decided_on"])


class VictimLinkForm(forms.Form):
    victim_reference = forms.CharField(
        label=_("Victim case reference"),
        max_length=20,
        help_text=_("The reference the agency holding the victim case gave you (VC-…)."),
    )
    capacity = forms.ChoiceField(label=_("Capacity"), choices=VictimCapacity.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)

    def link_to(self, case: CriminalCase, by: User) -> VictimLink:
        data = self.cleaned_data
        return VictimLink.link(case, data["victim_reference"], data["capacity"], by)
