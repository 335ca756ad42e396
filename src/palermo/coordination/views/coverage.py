"""Screening coverage of at-risk groups per period, against the plan's targets."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from palermo.coordination.access import measures_visible_to, member
from palermo.coordination.figures import coverage
from palermo.coordination.models import Indicator
from palermo.coordination.periods import parse_period, quarter_of, recent_quarters


@login_required
@require_http_methods(["GET"])
def coverage_page(request: HttpRequest) -> HttpResponse:
    user = member(request)
    code = request.GET.get("period") or quarter_of(timezone.localdate()).code
    try:
        period = parse_period(code)
    except ValueError as error:
        raise Http404 from error
    # Counts are aggregates every member may see; targets come from the measures they see.
    indicators = Indicator.objects.filter(measure__in=measures_visible_to(user))
    context = {
        "period": period,
        "rows": coverage(period.code, indicators),
        "periods": recent_quarters(timezone.localdate()),
    }
    return render(request, "coordination/coverage.html", context)
