"""The action plan: the overview, a measure, its indicators, progress and evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.audit.log import record_read
from palermo.coordination.access import (
    may_edit_plan,
    measure_for,
    measure_to_report_on,
    measures_visible_to,
    member,
)
from palermo.coordination.forms.plan import (
    IndicatorForm,
    MeasureForm,
    PeriodTargetForm,
    ProgressForm,
)
from palermo.coordination.models import Evidence, Measure, Standing
from palermo.coordination.progress import indicator_rows
from palermo.coordination.views.common import form_page
from palermo.registry.forms import DocumentForm


@login_required
@require_http_methods(["GET"])
def plan_overview(request: HttpRequest) -> HttpResponse:
    user = member(request)
    today = timezone.localdate()
    measures = measures_visible_to(user).select_related("lead_agency")
    rows = [{"measure": m, "standing": m.standing_on(today)} for m in measures]
    counts = {s: sum(1 for r in rows if r["standing"] == s) for s in Standing.values}
    context = {
        "rows": rows,
        "counts": counts,
        "standings": Standing,
        "may_edit": may_edit_plan(user),
    }
    return render(request, "coordination/plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest) -> HttpResponse:
    user = member(request)
    if not may_edit_plan(user):
        raise Http404
    form = MeasureForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        measure = form.save_for(user)
        messages.success(request, _("The measure is in the plan."))
        return redirect("coordination:measure_detail", measure.reference)
    status = 400 if form.errors else 200
    return form_page(request, form, _("New measure"), _("Add to the plan"), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    if not may_edit_plan(user):
        raise Http404
    measure = measure_for(user, reference)
    form = MeasureForm(request.POST or None, instance=measure, user=user)
    if request.method == "POST" and form.is_valid():
        form.save_for(user)
        messages.success(request, _("The measure is saved."))
        return redirect("coordination:measure_detail", measure.reference)
    back = reverse("coordination:measure_detail", args=[reference])
    status = 400 if form.errors else 200
    return form_page(request, form, _("Edit the measure"), _("Save"), status=status, back=back)


@login_required
@require_http_methods(["GET"])
def measure_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    measure = measure_for(user, reference)
    return render_measure(request, measure)


def render_measure(
    request: HttpRequest, measure: Measure, status: int = 200, **bound: object
) -> HttpResponse:
    user = member(request)
    owns = measure.is_written_by(user)
    context = {
        "measure": measure,
        "standing": measure.standing_on(timezone.localdate()),
        "indicators": indicator_rows(measure),
        "progress": measure.progress.select_related("reported_by"),
        "evidence": measure.evidence.all(),
        "action_items": measure.action_items.select_related("owner", "meeting"),
        "owns": owns,
        "may_edit": may_edit_plan(user),
        "progress_form": bound.get("progress") or (ProgressForm(measure=measure) if owns else None),
        "evidence_form": bound.get("evidence") or (DocumentForm() if owns else None),
        "target_form": bound.get("target")
        or (PeriodTargetForm(measure=measure) if may_edit_plan(user) else None),
        "indicator_form": bound.get("indicator")
        or (IndicatorForm() if may_edit_plan(user) else None),
    }
    return render(request, "coordination/measure.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def indicator_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    if not may_edit_plan(user):
        raise Http404
    measure = measure_for(user, reference)
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        return render_measure(request, measure, status=400, indicator=form)
    form.save_for(measure, user)
    messages.success(request, _("The indicator is added."))
    return redirect("coordination:measure_detail", measure.reference)


@login_required
@require_http_methods(["POST"])
def target_set(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    if not may_edit_plan(user):
        raise Http404
    measure = measure_for(user, reference)
    form = PeriodTargetForm(request.POST, measure=measure)
    if not form.is_valid():
        return render_measure(request, measure, status=400, target=form)
    form.save_for(measure, user)
    messages.success(request, _("The target for the period is set."))
    return redirect("coordination:measure_detail", measure.reference)


@login_required
@require_http_methods(["POST"])
def progress_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    measure = measure_to_report_on(user, reference)
    form = ProgressForm(request.POST, measure=measure)
    if form.is_valid():
        try:
            form.save_for(user)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return render_measure(request, measure, status=400, progress=form)
    messages.success(request, _("Progress is reported."))
    return redirect("coordination:measure_detail", measure.reference)


@login_required
@require_http_methods(["POST"])
def evidence_upload(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    measure = measure_to_report_on(user, reference)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_measure(request, measure, status=400, evidence=form)
    upload = form.cleaned_data["file"]
    content = form.cleaned_data["content"]  # checked whole by the form; images re-encoded
    Evidence.store(measure, content, form.cleaned_data["content_type"], upload.name, user)
    messages.success(request, _("The evidence is stored, encrypted."))
    return redirect("coordination:measure_detail", measure.reference)


@login_required
@require_http_methods(["GET"])
def evidence_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user = member(request)
    measure = measure_for(user, reference)
    evidence = measure.evidence.filter(pk=pk).first()
    if evidence is None:
        raise Http404
    record_read(user, "evidence", f"{measure.reference}/{evidence.pk}")
    response = HttpResponse(evidence.read_content(), content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="{evidence.download_name()}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
