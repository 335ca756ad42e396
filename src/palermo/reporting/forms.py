"""The report page's forms."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,text/csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class OutsideListsForm(forms.Form):
    lists = MultipleFileField(
        label=_("Person lists from bodies off the platform (CSV)"),
        help_text=_(
            "In the person-list format (docs/person-list-format.md); at most 10 files. Every "
            "file is checked before anything is kept; the lists are kept encrypted only until "
            "the estimate has run."
        ),
    )
