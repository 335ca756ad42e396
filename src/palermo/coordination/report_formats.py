"""The plan's progress report as a web page fragment, a spreadsheet and a PDF (one set of rows)."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from palermo.coordination.models import Standing
from palermo.coordination.progress import PlanReport
from palermo_analytics.safe_output import neutralise

FORMATS = ("html", "xlsx", "pdf")


def as_html(report: PlanReport) -> str:
    """A standalone page (print stylesheet inline-free: the PDF is made from it)."""
    return render_to_string(
        "coordination/plan_report_document.html", {"report": report, "standings": Standing}
    )


def as_pdf(report: PlanReport) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, needed only here

    pdf: bytes = HTML(string=as_html(report)).write_pdf()
    return pdf


def as_xlsx(report: PlanReport) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.period.code
    sheet.append(
        [
            _("Number"),
            _("Pillar"),
            _("Objective"),
            _("Lead agency"),
            _("Deadline"),
            _("Standing"),
            _("Progress"),
            _("What was done"),
            _("Why it is late"),
            _("Budget allocated"),
            _("Budget spent"),
            _("Indicator"),
            _("Target"),
            _("Actual"),
        ]
    )
    labels = dict(Standing.choices)
    for line in report.lines:
        head = [
            line.code,
            line.pillar,
            line.objective,
            line.lead_agency,
            line.deadline,
            str(labels[line.standing]),
            line.progress,
            line.narrative,
            line.late_reason,
            line.budget_allocated,
            line.budget_spent,
        ]
        indicators: list[tuple[str, object, object]] = list(line.indicators) or [("", None, None)]
        for name, target, actual in indicators:
            sheet.append([neutralise(v) for v in [*head, name, target, actual]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
