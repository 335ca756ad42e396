"""The public tip form, the hotline operator's form, and the triage forms."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Agency, User
from palermo.audit.log import record_event
from palermo.coordination.forms.common import agencies_for
from palermo.coordination.models import CloseReason, Tip, TipChannel

# Strict limits: a tip is a few sentences, not a document.
WHAT_LIMIT = 3000
SHORT_LIMIT = 300


class PublicTipForm(forms.Form):
    what_seen = forms.CharField(
        label=_("What did you see or hear?"),
        max_length=WHAT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": WHAT_LIMIT}),
    )
    where = forms.CharField(
        label=_("Where?"),
        max_length=SHORT_LIMIT,
        help_text=_("A street, a building, a business, a district."),
    )
    when_seen = forms.CharField(label=_("When?"), max_length=SHORT_LIMIT, required=False)
    contact = forms.CharField(
        label=_("How can we contact you? (optional)"),
        max_length=SHORT_LIMIT,
        required=False,
        help_text=_("Leave it empty to stay anonymous."),
    )
    # A field people never see (hidden by the stylesheet) that form-filling robots fill in.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def save_tip(self, channel: str = TipChannel.WEB, by: User | None = None) -> Tip:
        data = self.cleaned_data
        tip = Tip.objects.create(
            channel=channel,
            language=data.get("language") or get_language() or "en",
            received_by=by,
            what_seen=data["what_seen"],
            where=data["where"],
            when_seen=data["when_seen"],
            contact=data["contact"],
            anonymous=not data["contact"],
        )
        record_event(by, "create", "tip", tip.reference, changes={"channel": channel})
        return tip


class HotlineTipForm(PublicTipForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=TipChannel.choices, initial="phone")
    language = forms.ChoiceField(
        label=_("Language of the call"),
        choices=[
            ("zh-hant", _("Traditional Chinese")),
            ("pt", _("Portuguese")),
            ("en", _("English")),
            ("other", _("another language")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]

    def is_from_a_robot(self) -> bool:
        return False


class AssessForm(forms.Form):
    note = forms.CharField(
        label=_("Assessment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ForwardForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Forward to"), queryset=Agency.objects.none())

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "forward")
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = agencies_for(user).exclude(pk=user.agency_id or 0)


class LinkForm(forms.Form):
    screening = forms.CharField(label=_("Screening reference"), max_length=20, required=False)
    criminal_case = forms.CharField(
        label=_("Criminal case reference"), max_length=20, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("screening", "criminal_case"):
            data[name] = str(data.get(name) or "").strip().upper()
        if not data["screening"] and not data["criminal_case"]:
            raise forms.ValidationError(_("Give a screening or a criminal case reference."))
        return data


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=CloseReason.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "close")
        super().__init__(*args, **kwargs)
