"""The plan's progress report for one period: a page, and the same as a spreadsheet or PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from palermo.audit.log import record_event
from palermo.coordination import report_formats
from palermo.coordination.access import measures_visible_to, member
from palermo.coordination.models import Standing
from palermo.coordination.periods import parse_period, quarter_of, recent_quarters
from palermo.coordination.progress import plan_report

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@login_required
@require_http_methods(["GET"])
def plan_report_page(request: HttpRequest) -> HttpResponse:
    user = member(request)
    code = request.GET.get("period") or quarter_of(timezone.localdate()).code
    try:
        period = parse_period(code)
    except ValueError as error:
        raise Http404 from error
    report = plan_report(measures_visible_to(user), period.code)
    wanted = request.GET.get("format", "")
    if wanted in CONTENT_TYPES:
        record_event(user, "export", "plan_report", period.code, changes={"format": wanted})
        body = report_formats.as_pdf(report) if wanted == "pdf" else report_formats.as_xlsx(report)
        response = HttpResponse(body, content_type=CONTENT_TYPES[wanted])
        filename = f"plan-progress-{period.code}.{wanted}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {
        "report": report,
        "standings": Standing,
        "periods": recent_quarters(timezone.localdate()),
    }
    return render(request, "coordination/plan_report.html", context)
