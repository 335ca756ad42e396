"""One shape for every refusal: `{"detail": [{"loc": [...], "msg": "..."}]}`, as django-ninja
reports a body that does not fit its schema, so a client handles all of them one way."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Schema


def problems_of(error: ValidationError) -> list[dict[str, Any]]:
    if not hasattr(error, "error_dict"):
        return [{"loc": ["body"], "msg": message} for message in error.messages]
    return [
        {"loc": ["body"] if field == NON_FIELD_ERRORS else ["body", field], "msg": message}
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def check(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or its errors raised as one ValidationError (field by field)."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def as_form_data(payload: Schema) -> dict[str, Any]:
    """A request body as the page's form would receive it, so the form's rules apply as they are.

    A field left empty (None) is left out, as an empty input on the page would be."""
    return {
        field: value
        for field, value in payload.model_dump(mode="json").items()
        if value is not None
    }
