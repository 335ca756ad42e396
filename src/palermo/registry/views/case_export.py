"""The case list as a file (CSV or XLSX): the very cases the list shows for the same address
(`cases.listed_cases`: same visibility, filters, flag and order), the same non-identifying
columns, written through `palermo_analytics.safe_output` (no cell a spreadsheet would run), and
audited with who asked for which filters and how many rows left."""

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.permissions import may_read
from palermo.audit.log import record_event
from palermo.registry.columns import EXPORT_HEADER, export_row
from palermo.registry.list_forms import CaseListForm
from palermo.registry.views.cases import listed_cases
from palermo_analytics.safe_output import write_csv, write_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A list longer than this is narrowed with its filters first: a download is built while the
# person waits, and a file of every case in the country is not a list anyone works from.
EXPORT_LIMIT = 5000


@login_required
@require_http_methods(["GET"])
def export_cases(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not may_read(user, "victim_case"):
        raise PermissionDenied
    wanted = request.GET.get("format", "csv")
    if wanted not in CONTENT_TYPES:
        return refusal(_("Ask for the list as csv or xlsx."))
    form, cases = listed_cases(request, user)
    if form.is_bound and not form.is_valid():
        return refusal(_("The list's filters are not valid:") + "\n" + form.errors.as_text())
    rows = list(cases[: EXPORT_LIMIT + 1])
    if len(rows) > EXPORT_LIMIT:
        message = _("More than %(limit)s cases: narrow the list with its filters first.")
        return refusal(message % {"limit": EXPORT_LIMIT})
    body = file_of([export_row(case) for case in rows], wanted)
    record_event(
        user,
        "export",
        "victim_case_list",
        changes={"format": wanted, "filters": chosen_filters(form), "rows": len(rows)},
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[wanted])
    filename = f"cases-{timezone.localdate().isoformat()}.{wanted}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def refusal(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def file_of(rows: list[list[Any]], kind: str) -> bytes:
    frame = pd.DataFrame(rows, columns=[str(name) for name in EXPORT_HEADER])
    with tempfile.TemporaryDirectory(prefix="palermo-export-") as folder:
        path = Path(folder) / f"cases.{kind}"
        if kind == "xlsx":
            write_xlsx(frame, path, sheet="cases")
        else:
            write_csv(frame, path)
        return path.read_bytes()


def chosen_filters(form: CaseListForm) -> dict[str, str]:
    """The filters as codes (never anything personal: the list has no name filter)."""
    if not form.is_bound:
        return {}
    chosen = {name: form.cleaned_data.get(name) for name in form.fields}
    return {
        name: str(value.pk if hasattr(value, "pk") else value)
        for name, value in chosen.items()
        if value not in (None, "")
    }
