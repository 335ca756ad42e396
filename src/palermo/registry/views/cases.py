"""The list of cases a user may see: references, stages and non-identifying columns, never
names; filtered, flagged, sorted by a column from the address, and paged."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.paging import CappedPaginator
from palermo.registry.access import victim_cases_visible_to
from palermo.registry.list_forms import SORTS, CaseListForm
from palermo.registry.listing import (
    CASES_PER_PAGE,
    filter_cases,
    with_columns,
    years_opened,
)
from palermo.registry.models import VictimCase


@login_required
@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form, cases = listed_cases(request, user)
    page = CappedPaginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "sort": form.sort_order(),
        "may_break_glass": user.has_role(Role.CASE_WORKER),
    }
    return render(request, "registry/case_list.html", context)


def listed_cases(request: HttpRequest, user: User) -> tuple[CaseListForm, QuerySet[VictimCase]]:
    """The visible cases the address's filters, flag and sort ask for (the list and its export
    read the same ones)."""
    visible = victim_cases_visible_to(user)
    form = CaseListForm(request.GET or None, user=user, years=years_opened())
    cases = visible
    if form.is_bound and form.is_valid():
        cases = form.flagged(filter_cases(visible, form.cleaned_data))
    return form, with_columns(cases).order_by(*SORTS[form.sort_order()])
