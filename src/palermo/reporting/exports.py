"""A report as a file: self-contained HTML (and PDF from it), JSON, CSV or XLSX."""

import csv
import io
import json
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from palermo.reporting.definitions import Standard
from palermo.reporting.presentation import FigureView, ReportView, present
from palermo.reporting.sdg import SdgView
from palermo_analytics.safe_output import neutralise

FORMATS = ("html", "pdf", "json", "csv", "xlsx")


def export(
    snapshot: dict[str, Any],
    fmt: str,
    public: bool,
    standard: str | None = None,
    estimates: dict[int, dict[str, Any]] | None = None,
) -> bytes:
    """`estimates` (year: stored hidden-figure estimate) go beside the trend, committee only."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    keys = _figures_of(snapshot, standard)
    charts = fmt in {"html", "pdf"}
    view = present(snapshot, public, charts=charts, keys=keys, estimates=estimates)
    if fmt == "json":
        return json.dumps(_as_json(view), indent=2, ensure_ascii=False).encode()
    if fmt == "csv":
        return _as_csv(view).encode()
    if fmt == "xlsx":
        return _as_xlsx(view)
    html = render_to_string("reporting/document.html", {"report": view})
    if fmt == "pdf":
        import weasyprint  # imported here: it loads the pango libraries

        return bytes(weasyprint.HTML(string=html).write_pdf())
    return html.encode()


def _figures_of(snapshot: dict[str, Any], standard: str | None) -> set[str] | None:
    if standard is None:
        return None
    Standard(standard)  # an unknown standard is a ValueError naming it
    return {key for key, data in snapshot["figures"].items() if standard in data["standards"]}


def _figures(view: ReportView) -> list[FigureView]:
    return [figure for section in view.sections for figure in section.figures] + [view.trend]


def _as_json(view: ReportView) -> dict[str, Any]:
    """One key per figure, with its breakdowns: {row: {column: count}} and totals."""
    out: dict[str, Any] = {"period": view.period, "public": view.public, "rule": view.rule}
    for figure in _figures(view):
        out[figure.key] = {
            "title": figure.title,
            "rule": figure.rule,
            "standards": figure.standards,
            "cells": {
                row.label: {
                    column: cell.value
                    for column, cell in zip(figure.columns, row.cells, strict=True)
                }
                | {"total": row.total.value}
                for row in figure.rows
            },
            "column_totals": {
                column: cell.value
                for column, cell in zip(figure.columns, figure.column_totals, strict=True)
            },
            "total": figure.grand_total.value,
        }
    if view.estimates:
        out["trend_estimates"] = {
            point.year: {
                "identified": point.observed,
                "estimate": point.estimate,
                "low": point.low,
                "high": point.high,
            }
            for point in view.estimates
        }
    if view.sdg is not None:
        out["sdg_16_2_2"] = {
            "year": view.sdg.year,
            "population_source": view.sdg.source,
            "missing": view.sdg.missing,
            "rates": {
                line.group: {
                    "victims": line.victims,
                    "population": line.population,
                    "per_100000": line.per_100k,
                }
                for line in view.sdg.lines
            },
        }
    return out


def _lines(view: ReportView) -> list[list[Any]]:
    lines: list[list[Any]] = [["figure", "row", "column", "value"]]
    for figure in _figures(view):
        for row in figure.rows:
            for column, cell in zip(figure.columns, row.cells, strict=True):
                lines.append([figure.key, row.label, column, _shown(cell.value)])
            lines.append([figure.key, row.label, "total", _shown(row.total.value)])
        lines.append([figure.key, "total", "total", _shown(figure.grand_total.value)])
    if view.sdg is not None:
        for line in view.sdg.lines:
            lines.append(["sdg_16_2_2", line.group, "victims", _shown(line.victims)])
            lines.append(["sdg_16_2_2", line.group, "population", _shown(line.population)])
            lines.append(["sdg_16_2_2", line.group, "per 100,000", line.per_100k])
    return lines


def _shown(value: int | None) -> int | str:
    return "" if value is None else value


def _as_csv(view: ReportView) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _lines(view):
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in line])
    return buffer.getvalue()


def _as_xlsx(view: ReportView) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for figure in _figures(view):
        sheet = book.create_sheet(figure.key[:31])
        sheet.append([neutralise(figure.title)])
        sheet.append(["", *[neutralise(c) for c in figure.columns], "total"])
        for row in figure.rows:
            values = [cell.value for cell in row.cells]
            sheet.append([neutralise(row.label), *values, row.total.value])
        totals = [cell.value for cell in figure.column_totals]
        sheet.append(["total", *totals, figure.grand_total.value])
    if view.sdg is not None:
        _sdg_sheet(book.create_sheet("sdg_16_2_2"), view.sdg)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sdg_sheet(sheet: Any, sdg: SdgView) -> None:
    sheet.append([neutralise(_("Detected victims per 100,000 inhabitants (SDG 16.2.2)"))])
    if sdg.missing:
        sheet.append([neutralise(sdg.missing)])
    sheet.append(["", "victims", "population", "per 100,000"])
    for line in sdg.lines:
        sheet.append([neutralise(line.group), line.victims, line.population, line.per_100k])
    if sdg.source:
        sheet.append([neutralise(sdg.source)])
