"""The exchange page: releases to partners made in the background, their reports, the ε ledger,
and partners' data set beside ours. Analysts only; they see aggregates and released files."""

from collections import Counter
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from palermo.audit.log import record_event
from palermo.exchange.access import (
    ctdc_exports_visible_to,
    dp_releases_visible_to,
    exchanger,
    reference_datasets_visible_to,
)
from palermo.exchange.ctdc import registry_table
from palermo.exchange.forms import CtdcExportForm, DpTablesForm
from palermo.exchange.models import REGISTRY_DATASET, PrivacyBudget
from palermo.exchange.tasks import ctdc_export_job, dp_tables_job, exports_folder
from palermo.jobs.tasks import start_job
from palermo_analytics.disclosure import UNKNOWN
from palermo_analytics.disclosure._countries import region_of

SMALL_CELL = 11  # below this, a count of our own victims is shown as "fewer than 11"


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = exchanger(request.user)
    return render(request, "exchange/index.html", _page(user, CtdcExportForm(), DpTablesForm()))


@login_required
@require_POST
def start_ctdc_export(request: HttpRequest) -> HttpResponse:
    user = exchanger(request.user)
    form = CtdcExportForm(request.POST)
    if not form.is_valid():
        return render(request, "exchange/index.html", _page(user, form, DpTablesForm()), status=400)
    data = form.cleaned_data
    job = start_job(
        "ctdc_export",
        user,
        ctdc_export_job,
        year_from=data["year_from"],
        year_to=data["year_to"],
        k=data["k"],
        l=data["l"],
        suppress_max=data["suppress_max"] / 100,
    )
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def start_dp_tables(request: HttpRequest) -> HttpResponse:
    user = exchanger(request.user)
    form = DpTablesForm(request.POST)
    if not form.is_valid():
        return render(
            request, "exchange/index.html", _page(user, CtdcExportForm(), form), status=400
        )
    data = form.cleaned_data
    job = start_job(
        "dp_tables",
        user,
        dp_tables_job,
        year_from=data["year_from"],
        year_to=data["year_to"],
        epsilon=data["epsilon"],
    )
    return redirect("jobs:detail", job.pk)


@login_required
@require_GET
def download(request: HttpRequest, kind: str, reference: str) -> FileResponse:
    """A released file made from this page (the command line writes where it is told)."""
    user = exchanger(request.user)
    releases = {"ctdc": ctdc_exports_visible_to(user), "dp": dp_releases_visible_to(user)}
    if kind not in releases:
        raise Http404
    release = get_object_or_404(releases[kind], reference=reference)
    path = exports_folder() / release.file_name
    if not path.is_file():
        raise Http404
    record_event(user, "download", f"{kind}_release", release.reference)
    return FileResponse(path.open("rb"), as_attachment=True, filename=release.file_name)


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Forms of exploitation by citizenship region: our victims beside the partner's."""
    user = exchanger(request.user)
    dataset = get_object_or_404(reference_datasets_visible_to(user), pk=pk)
    theirs: Counter[tuple[str, str]] = Counter()
    for region, forms in dataset.rows.values_list("citizenship_region", "forms"):
        for form in forms or ["unknown"]:
            theirs[(region or UNKNOWN, form)] += 1
    ours = _our_forms_by_region()
    keys = sorted(set(theirs) | set(ours))
    rows = [
        {
            "region": region,
            "form": form,
            "ours": _small_cells_hidden(ours.get((region, form), 0)),
            "theirs": theirs.get((region, form), 0),
        }
        for region, form in keys
    ]
    record_event(user, "read", "reference_dataset", str(dataset.pk), reason="comparison")
    return render(request, "exchange/compare.html", {"dataset": dataset, "rows": rows})


def _our_forms_by_region() -> Counter[tuple[str, str]]:
    table = registry_table(1900, 2100)
    counts: Counter[tuple[str, str]] = Counter()
    forms = ["isSexualExploit", "isForcedLabour", "isOtherExploit", "isForcedMarriage"]
    for values in table.to_dict(orient="records"):
        region = region_of(values["citizenship"]) or UNKNOWN
        marked = [f for f in forms if values[f] == "1"] or ["unknown"]
        for form in marked:
            counts[(region, form)] += 1
    return counts


def _small_cells_hidden(count: int) -> str:
    return _("fewer than %(n)s") % {"n": SMALL_CELL} if 0 < count < SMALL_CELL else str(count)


def _page(user: Any, ctdc_form: CtdcExportForm, dp_form: DpTablesForm) -> dict[str, Any]:
    budgets = PrivacyBudget.objects.filter(dataset=REGISTRY_DATASET).order_by("-year")
    return {
        "ctdc_form": ctdc_form,
        "dp_form": dp_form,
        "exports": ctdc_exports_visible_to(user)[:20],
        "dp_releases": dp_releases_visible_to(user)[:20],
        "budgets": [(b, b.spent()) for b in budgets],
        "datasets": reference_datasets_visible_to(user)[:20],
        "jobs": user.jobs.filter(kind__in=["ctdc_export", "dp_tables"])[:5],
    }
