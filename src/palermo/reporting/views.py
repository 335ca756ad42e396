"""The statistics pages: the committee edition with drill-down, builds and publication, and the
public edition anyone can read."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.jobs.tasks import start_job
from palermo.reporting import sources
from palermo.reporting.access import (
    may_see_statistics,
    public_report,
    references_openable_by,
    report_for,
    reports_visible_to,
)
from palermo.reporting.counting import DRILL_DOWN_LIMIT, records_behind, trend_records
from palermo.reporting.definitions import Context
from palermo.reporting.forms import OutsideListsForm
from palermo.reporting.models import Report
from palermo.reporting.outside_lists import OutsideListError, store_outside_lists
from palermo.reporting.periods import Period, PeriodKind
from palermo.reporting.presentation import estimate_view, present
from palermo.reporting.tasks import build_annual_report, estimate_hidden_figure


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = _analyst(request)
    year, kind = _chosen_period(request)
    builds = reports_visible_to(user).of_period(year, kind)
    latest = builds.first()
    if latest is not None:
        return redirect("reporting:report", latest.pk)
    return render(
        request,
        "reporting/overview.html",
        {
            "year": year,
            "kind": kind,
            "kinds": PeriodKind,
            "jobs": user.jobs.filter(kind="report")[:5],
        },
    )


@login_required
@require_POST
def build(request: HttpRequest) -> HttpResponse:
    """Counting every figure reads the whole registry: it runs in the worker."""
    user = _analyst(request)
    year, kind = _chosen_period(request)
    job = start_job("report", user, build_annual_report, year=year, period=kind)
    return redirect("jobs:detail", job.pk)


@login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = _analyst(request)
    shown = report_for(user, pk)
    return _report_page(request, user, shown, OutsideListsForm())


def _report_page(
    request: HttpRequest, user: User, shown: Report, lists_form: OutsideListsForm, status: int = 200
) -> HttpResponse:
    public = request.GET.get("edition") == "public"
    record_event(user, "report_read", "report", str(shown.pk), changes={"public": public})

    def link(figure: str, row: str, column: str) -> str:
        return reverse("reporting:drill", args=[shown.pk, figure, row, column])

    context = {
        "report": present(shown.snapshot, public, link, estimates=_trend_estimates(user, shown)),
        "stored": shown,
        "public": public,
        "revisions": reports_visible_to(user).published().of_period(shown.year, shown.period),
        "changes": shown.changed_cells(),
        "estimate": estimate_view(shown.estimate),
        "lists_form": lists_form,
    }
    return render(request, "reporting/report.html", context, status=status)


@login_required
@require_POST
def estimate(request: HttpRequest, pk: int) -> HttpResponse:
    """The hidden figure fits a model on the year's lists: it runs in the worker."""
    user = _analyst(request)
    shown = report_for(user, pk)
    job = start_job("estimate", user, estimate_hidden_figure, report_id=shown.pk)
    record_event(user, "report_estimate", "report", str(shown.pk))
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def estimate_with_lists(request: HttpRequest, pk: int) -> HttpResponse:
    """The hidden figure with person lists from bodies off the platform: every file is checked
    before anything is kept; a bad one is a 400 naming the file, row and column."""
    user = _analyst(request)
    shown = report_for(user, pk)
    form = OutsideListsForm(request.POST, request.FILES)
    if form.is_valid():
        uploads = [(upload.name or "", upload.read()) for upload in form.cleaned_data["lists"]]
        try:
            store_outside_lists(shown, user, uploads)
        except OutsideListError as error:
            form.add_error("lists", str(error))
    if not form.is_valid():
        return _report_page(request, user, shown, form, status=400)
    job = start_job(
        "estimate", user, estimate_hidden_figure, report_id=shown.pk, with_outside_lists=True
    )
    record_event(user, "report_estimate", "report", str(shown.pk), changes={"outside_lists": True})
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _analyst(request)
    shown = report_for(user, pk)
    try:
        published = shown.publish(note=request.POST.get("note", ""))
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("reporting:report", pk)
    record_event(
        user,
        "report_published",
        "report",
        str(published.pk),
        reason=published.correction_note,
        changes={"revision": published.revision, "hash": published.content_hash},
    )
    messages.success(request, _("Published as revision %(n)s.") % {"n": published.revision})
    return redirect("reporting:report", published.pk)


@login_required
@require_GET
def drill(request: HttpRequest, pk: int, figure: str, row: str, column: str) -> HttpResponse:
    """The records behind one figure: references only; a reference links to its record only
    when the user could open that record anyway."""
    user = _analyst(request)
    shown = report_for(user, pk)
    period = Period.of(shown.year, shown.period)
    context = Context.for_period(period)
    references = list(_references(figure, context, period, row, column)[: DRILL_DOWN_LIMIT + 1])
    record_event(
        user,
        "report_drill_down",
        "report",
        str(shown.pk),
        changes={"figure": figure, "row": row, "column": column, "records": len(references)},
    )
    return render(
        request,
        "reporting/drill.html",
        {
            "stored": shown,
            "figure": figure,
            "row": row,
            "column": column,
            "references": references[:DRILL_DOWN_LIMIT],
            "more": len(references) > DRILL_DOWN_LIMIT,
            "openable": references_openable_by(user, references),
        },
    )


@require_GET
def public(request: HttpRequest, year: int, period: str) -> HttpResponse:
    """The public edition of the latest published revision: no login, no drill-down."""
    shown = public_report(year, period)
    return render(
        request,
        "reporting/public.html",
        {"report": present(shown.snapshot, public=True), "stored": shown, "now": timezone.now()},
    )


def _references(
    figure: str, context: Context, period: Period, row: str, column: str
) -> QuerySet[Any, str]:
    if figure == "trend":
        measure = next((m for m in sources.trend_measures() if m.code == row), None)
        if measure is None or not column.isdigit():
            raise Http404
        return trend_records(measure, context, Period.of(int(column), period.kind))
    declared = sources.figure(figure)
    if declared is None or declared.is_amount:
        raise Http404
    try:
        return records_behind(declared, context, row, column)
    except KeyError:
        raise Http404 from None


def _trend_estimates(user: User, shown: Report) -> dict[int, dict[str, Any]]:
    years = [period.year for period in Period.of(shown.year, shown.period).trend()]
    return reports_visible_to(user).estimates_of(years, shown.period)


def _analyst(request: HttpRequest) -> User:
    user = acting_user(request)
    if not may_see_statistics(user):
        raise PermissionDenied
    return user


def _chosen_period(request: HttpRequest) -> tuple[int, str]:
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("period", PeriodKind.CALENDAR)
    try:
        year = int(source.get("year", timezone.localdate().year - 1))
        Period.of(year, kind)
    except ValueError:
        raise Http404 from None
    return year, kind
