"""What the coordination forms share."""

from django import forms
from django.db.models import QuerySet

from palermo.accounts.models import Agency, User
from palermo.registry.forms import DateInput, agencies_for

__all__ = ["DateInput", "agencies_for", "limit_agencies"]


def limit_agencies(form: forms.BaseForm, user: User, *names: str) -> None:
    """Agency choices come from the user's jurisdiction only."""
    agencies: QuerySet[Agency] = agencies_for(user)
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
