"""Forms for screening: choosing a list, checking answers, and opening a case from a screening."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from palermo.accounts.models import Agency, User
from palermo.api.idempotency import FORM_FIELD
from palermo.core import limits
from palermo.core.countries import CountryField
from palermo.jurisdiction.models import Jurisdiction
from palermo.registry.duplicates import PersonChoice
from palermo.registry.models import VictimCase
from palermo.registry.models.referral import ServiceKind
from palermo.registry.vocabulary import Sex
from palermo.screening import ilo
from palermo.screening.models import Screening
from palermo.screening.services import ConsentGiven, ReferralRequest, open_case_from_screening

ANSWER_CHOICES = [
    (ilo.Answer.OBSERVED.value, gettext_lazy("observed")),
    (ilo.Answer.NOT_OBSERVED.value, gettext_lazy("not observed")),
    (ilo.Answer.UNKNOWN.value, gettext_lazy("unknown")),
]


class NewScreeningForm(forms.Form):
    indicator_list = forms.ChoiceField(
        label=gettext_lazy("Indicator list"), widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["indicator_list"].choices = [  # type: ignore[attr-defined]
            (found.code, found.label.in_language(language)) for found in ilo.indicator_lists()
        ]


# What the browser sends with every form besides its fields (palermo.api.idempotency).
NOT_ANSWERS = frozenset({"csrfmiddlewaretoken", FORM_FIELD})


def answers_from(data: Mapping[str, Any], indicators: ilo.IndicatorList) -> dict[str, str]:
    """The posted answers, keyed by indicator; refuses unknown indicators and invalid answers.

    Every posted field other than the CSRF token and the submission key is read as
    ``<indicator key>=<answer>``, so the same check serves one answer saved as you go and the
    whole form submitted without JavaScript.
    """
    answers: dict[str, str] = {}
    valid = {value for value, _label in ANSWER_CHOICES}
    for key, value in data.items():
        if key in NOT_ANSWERS or key.startswith(NOTE_PREFIX):
            continue
        if key not in indicators.indicator_keys:
            raise ValidationError(_("“%(key)s” is not an indicator of this list.") % {"key": key})
        if value not in valid:
            raise ValidationError(
                _("“%(value)s” is not an answer: choose observed, not observed or unknown.")
                % {"value": value}
            )
        answers[key] = value
    if not answers and not any(key.startswith(NOTE_PREFIX) for key in data):
        raise ValidationError(_("No answer was sent."))
    return answers


# A note on an indicator is posted as ``note.<indicator key>``.
NOTE_PREFIX = "note."
NOTE_LENGTH = 1000


def notes_from(data: Mapping[str, Any], indicators: ilo.IndicatorList) -> dict[str, str]:
    """The posted notes on indicators, keyed by indicator (an empty note clears one)."""
    notes: dict[str, str] = {}
    for key, value in data.items():
        if not key.startswith(NOTE_PREFIX):
            continue
        indicator = key.removeprefix(NOTE_PREFIX)
        if indicator not in indicators.indicator_keys:
            raise ValidationError(
                _("“%(key)s” is not an indicator of this list.") % {"key": indicator}
            )
        note = str(value).strip()
        if len(note) > NOTE_LENGTH:
            raise ValidationError(
                _("A note on an indicator holds at most %(limit)d characters.")
                % {"limit": NOTE_LENGTH}
            )
        notes[indicator] = note
    return notes


def active_agencies_except(agency_id: int | None) -> QuerySet[Agency]:
    """Agencies of the active jurisdiction a case may be referred to: not one's own."""
    jurisdiction = Jurisdiction.objects.active()
    if jurisdiction is None:
        return Agency.objects.none()
    return Agency.objects.filter(jurisdiction=jurisdiction).exclude(pk=agency_id or 0)


NEW_PERSON = "new"
PERSON_FIELDS = ("given_name", "family_name", "sex", "birth_year", "estimated_age", "nationality")


class OpenCaseForm(forms.Form):
    given_name = forms.CharField(label=gettext_lazy("Given name"), required=False, max_length=200)
    family_name = forms.CharField(label=gettext_lazy("Family name"), required=False, max_length=200)
    sex = forms.ChoiceField(label=gettext_lazy("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_year = forms.IntegerField(
        label=gettext_lazy("Year of birth"),
        required=False,
        min_value=1900,
        help_text=gettext_lazy("If known."),
    )
    estimated_age = forms.IntegerField(
        label=gettext_lazy("Estimated age"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=gettext_lazy("When the year of birth is not known."),
    )
    nationality = CountryField(label=gettext_lazy("Nationality"), required=False)
    consents = forms.BooleanField(
        label=gettext_lazy("The person consents to referral to services"), required=False
    )
    consent_form = forms.ChoiceField(
        label=gettext_lazy("How consent was given"),
        choices=[("", "—"), ("written", gettext_lazy("written")), ("oral", gettext_lazy("oral"))],
        required=False,
    )
    refer_now = forms.BooleanField(label=gettext_lazy("Refer now"), required=False, initial=True)
    to_agency = forms.ModelChoiceField(
        label=gettext_lazy("Receiving agency"), queryset=Agency.objects.none(), required=False
    )
    service = forms.ChoiceField(
        label=gettext_lazy("Service"), choices=[("", "—"), *ServiceKind.choices], required=False
    )

    # Filled in when likely matches were shown: the reference of the person to link the case to,
    # or NEW_PERSON with a reason for recording a new one all the same.
    existing_person = forms.CharField(
        label=gettext_lazy("Who this person is"), required=False, max_length=20
    )
    new_person_reason = forms.CharField(
        label=gettext_lazy("Why this is a new person"),
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept encrypted; the audit trail records that a reason was given."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = active_agencies_except(  # type: ignore[attr-defined]
            user.agency_id
        )
        self.fields["birth_year"].max_value = timezone.localdate().year  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("consents") and not cleaned.get("consent_form"):
            self.add_error("consent_form", _("Say whether consent was given in writing or orally."))
        if cleaned.get("refer_now"):
            self._check_referral(cleaned)
        return cleaned

    def _check_referral(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("consents"):
            self.add_error(
                "consents",
                _(
                    "Without the person's consent the case cannot be referred. Record their "
                    "consent, or untick “Refer now” to open the case without a referral."
                ),
            )
        if not cleaned.get("to_agency"):
            self.add_error("to_agency", _("Choose the agency that receives the referral."))
        if not cleaned.get("service"):
            self.add_error("service", _("Choose the service the person is referred for."))

    def open_case_from(self, screening: Screening, by: User) -> VictimCase:
        """Open the case (with consent and referral when given) from a valid form, in one step."""
        cleaned = self.cleaned_data
        consents, refer = bool(cleaned.get("consents")), bool(cleaned.get("refer_now"))
        return open_case_from_screening(
            screening,
            by,
            person_details={name: cleaned[name] for name in PERSON_FIELDS},
            consent=ConsentGiven(form=cleaned["consent_form"]) if consents else None,
            referral=ReferralRequest(cleaned["to_agency"], cleaned["service"]) if refer else None,
            choice=self.person_choice(),
        )

    def person_choice(self) -> PersonChoice:
        chosen = self.cleaned_data.get("existing_person") or ""
        if chosen == NEW_PERSON:
            return PersonChoice(new_person_reason=self.cleaned_data.get("new_person_reason") or "")
        return PersonChoice(existing_reference=chosen.strip())
