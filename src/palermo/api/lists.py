"""What every API list and form-backed operation shares: pages of 25, filters checked by the
page's own form (errors located in the query string, as django-ninja locates its own), and choices
named as the API names records (an agency's code, not its database id)."""

from collections.abc import Callable, Hashable
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from ninja.errors import ValidationError as InvalidQuery

from palermo.paging import CappedPaginator

PER_PAGE = 25


def paginated[Row](
    items: "QuerySet[Any, Row]",
    page: int,
    row: Callable[[Row], dict[str, Any]],
    counting: QuerySet[Any] | None = None,
) -> dict[str, Any]:
    """One page, as the pages' paginator gives it (a page past the end is the last one).

    The count stops at `COUNT_CAP` (`count_is_exact` says whether it did), so a list costs the
    same whatever the number of records; `counting` is the same rows without the page's columns
    and order, when the caller has them (see CappedPaginator)."""
    found = CappedPaginator(items, PER_PAGE, counting=counting).get_page(page)
    assert isinstance(found.paginator, CappedPaginator)
    return {
        "count": found.paginator.count,
        "count_is_exact": not found.paginator.is_capped,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "results": [row(item) for item in found],
    }


def checked_query(form: forms.BaseForm) -> dict[str, Any]:
    """A filter form's data, or its errors in the query string's place."""
    if not form.is_valid():
        raise InvalidQuery(
            [
                {"loc": ["query", field], "msg": message}
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    return form.cleaned_data


def chosen_by[AnyForm: forms.BaseForm](form: AnyForm, **keys: str) -> AnyForm:
    """The form, taking its choices by the names the API uses (an agency's or a provision's
    code, a suspect's person reference) instead of database ids. What it offers stays the page's:
    only the lookup key changes."""
    for name, key in keys.items():
        field = form.fields.get(name)  # a move's form has an agency field only where needed
        if isinstance(field, forms.ModelChoiceField):
            field.to_field_name = key
    return form


def filters_key(filters: dict[str, Any]) -> Hashable:
    """The filters asked, as a key: their values are written into the statement."""
    return tuple(
        sorted(
            (name, value.pk if isinstance(value, Model) else value)
            for name, value in filters.items()
            if value not in (None, "")
        )
    )
