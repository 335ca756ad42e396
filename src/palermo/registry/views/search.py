"""The search page: by reference (GET is fine), or by name or document number (POST only: a
name must never sit in a URL, a log line or a browser's history). Finding: registry.search."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.roles import Role
from palermo.paging import CappedPaginator
from palermo.registry.access import victim_cases_visible_to
from palermo.registry.forms import SearchForm
from palermo.registry.listing import CASES_PER_PAGE, years_opened
from palermo.registry.search import PERSONAL, found_for, ranked_for_listing


@login_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    visible = victim_cases_visible_to(user)
    by_post = request.method == "POST"
    data = request.POST if by_post else _without_personal(request.GET)
    form = SearchForm(data or None, user=user, years=years_opened())
    page = None
    if form.is_bound and form.is_valid():
        cases = found_for(user, visible, form.cleaned_data)
        if cases is not None:
            page = CappedPaginator(ranked_for_listing(cases), CASES_PER_PAGE).get_page(
                data.get("page")
            )
    context = {
        "form": form,
        "page": page,
        "by_post": by_post,
        "may_break_glass": user.has_role(Role.CASE_WORKER),
    }
    return render(request, "registry/search.html", context)


def _without_personal(query: QueryDict) -> QueryDict:
    """A GET search uses the reference and the filters only: a name in a URL is ignored."""
    kept = query.copy()
    for name in PERSONAL:
        kept.pop(name, None)
    return kept
