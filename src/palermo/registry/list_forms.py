"""The case list's own choices beyond the shared filters: flags and the column it is sorted by.

Only columns the list can read in order along an index are sortable (see `VictimCase.Meta`), each
with the primary key as a tiebreak so a page never shows a case twice or skips one."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.registry.forms import CaseFilterForm
from palermo.registry.models import VictimCase
from palermo.registry.models.case import Stage, reflection_warning_date

# The sort a URL may ask for → the order it reads; "-" first is the descending direction.
SORTS: dict[str, list[str]] = {
    "-opened": ["-opened_at", "-pk"],
    "opened": ["opened_at", "pk"],
    "-activity": ["-last_activity_at", "-pk"],
    "activity": ["last_activity_at", "pk"],
    # The longest in their stage first: the earliest `stage_since`.
    "-days": ["stage_since", "pk"],
    "days": ["-stage_since", "-pk"],
    "reference": ["reference"],
    "-reference": ["-reference"],
}
DEFAULT_SORT = "-opened"


class Flag:
    REFLECTION_ENDING = "reflection_ending"
    ASSIGNED_TO_ME = "mine"
    UNASSIGNED = "unassigned"


FLAG_CHOICES = [
    ("", _("any")),
    (Flag.REFLECTION_ENDING, _("reflection period ending")),
    (Flag.ASSIGNED_TO_ME, _("assigned to me")),
    (Flag.UNASSIGNED, _("not assigned to anyone")),
]


class CaseListForm(CaseFilterForm):
    flag = forms.ChoiceField(label=_("Flag"), required=False, choices=FLAG_CHOICES)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-opened", _("newest first")),
            ("opened", _("oldest first")),
            ("-activity", _("latest activity first")),
            ("activity", _("least recent activity first")),
            ("-days", _("longest in stage first")),
            ("days", _("shortest in stage first")),
            ("reference", _("reference")),
            ("-reference", _("reference, descending")),
        ],
    )

    def __init__(self, *args: Any, user: User, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, user=user, years=years, **kwargs)
        self.user = user

    def sort_order(self) -> str:
        chosen = self.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return chosen or DEFAULT_SORT

    def flagged(self, cases: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
        flag = self.cleaned_data.get("flag")
        if flag == Flag.REFLECTION_ENDING:
            return cases.filter(
                stage=Stage.PRESUMED_VICTIM, reflection_period_end__lte=reflection_warning_date()
            )
        if flag == Flag.ASSIGNED_TO_ME:
            return cases.filter(assigned_to=self.user)
        if flag == Flag.UNASSIGNED:
            return cases.filter(assigned_to__isnull=True)
        return cases
