"""The list of criminal cases a user may see, and opening a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.roles import Role
from palermo.justice import refusals
from palermo.justice.access import criminal_cases_visible_to
from palermo.justice.forms import CaseFilterForm, CaseOpenForm
from palermo.justice.models import CriminalCase
from palermo.justice.views.common import back_to_case, refuse
from palermo.paging import CappedPaginator
from palermo.registry.listing import years_since

CASES_PER_PAGE = 25


@login_required
@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    """References, stages, offences and dates: nothing that names a person."""
    user = acting_user(request)
    visible = criminal_cases_visible_to(user)
    # From the first case on record to this year: one indexed lookup, not a scan of the list.
    ordered = CriminalCase.objects.order_by("reported_on")
    first = ordered.values_list("reported_on", flat=True).first()
    years = years_since(first.year) if first else []
    filters = CaseFilterForm(request.GET or None, years=years)
    cases = filters.filter(visible).prefetch_related("provisions").order_by("-reported_on", "pk")
    page = CappedPaginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "may_open": user.has_role(Role.INVESTIGATOR) and user.agency_id is not None,
    }
    return render(request, "justice/case_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not user.has_role(Role.INVESTIGATOR) or user.agency_id is None:
        return refuse(request, str(refusals.OPEN_CASE))
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = form.open_case(user)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Criminal case opened and under investigation."))
            return back_to_case(case)
    return render(request, "justice/case_new.html", {"form": form})
