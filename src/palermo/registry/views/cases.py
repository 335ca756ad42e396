"""The list of cases a user may see: references and stages only, never names."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from palermo.accounts.roles import Role
from palermo.paging import CappedPaginator
from palermo.registry.access import victim_cases_visible_to
from palermo.registry.forms import CaseFilterForm
from palermo.registry.views.common import user_of
from palermo.registry.views.filters import (
    CASES_PER_PAGE,
    filter_cases,
    for_listing,
    years_opened,
)


@login_required
@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    visible = victim_cases_visible_to(user)
    form = CaseFilterForm(request.GET or None, user=user, years=years_opened())
    cases = filter_cases(visible, form.cleaned_data) if form.is_valid() else visible
    page = CappedPaginator(for_listing(cases), CASES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_break_glass": user.has_role(Role.CASE_WORKER),
    }
    return render(request, "registry/case_list.html", context)
