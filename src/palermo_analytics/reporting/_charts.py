"""Charts as data: Vega-Lite specifications filled from tables (rendered to SVG elsewhere)."""

from typing import Any

from palermo_analytics.reporting._tables import Table

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def bar_chart_spec(
    table: Table, title: str, row_title: str, column_title: str, values: list[list[int | None]]
) -> dict[str, Any]:
    """Stacked horizontal bars: one bar per row, one colour per column. Hidden cells (None) are
    left out, never drawn as zero."""
    data = [
        {"row": table.label(row), "column": table.label(column), "count": value}
        for row, line in zip(table.rows, values, strict=False)
        for column, value in zip(table.columns, line, strict=False)
        if value
    ]
    encoding: dict[str, Any] = {
        "y": {"field": "row", "type": "nominal", "title": row_title, "sort": None},
        "x": {"field": "count", "type": "quantitative", "title": column_title, "stack": True},
    }
    if len(table.columns) > 1:
        encoding["color"] = {"field": "column", "type": "nominal", "title": None, "sort": None}
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "data": {"values": data},
        "mark": {"type": "bar"},
        "encoding": encoding,
    }


def trend_chart_spec(
    title: str,
    points: list[dict[str, Any]],
    band: list[dict[str, Any]] | None = None,
    years: list[str] | None = None,
) -> dict[str, Any]:
    """Lines over years, one per series; `band` (year, low, high) draws the estimate's interval
    as a shaded bar from low to high at each year that has one (a single year shows too).
    `years` fixes the axis, so a band of a few years sits at its own years."""
    axis: dict[str, Any] = {"field": "year", "type": "ordinal", "title": None}
    if years:
        axis["scale"] = {"domain": years}
    line = {
        "data": {"values": points},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": axis,
            "y": {"field": "count", "type": "quantitative", "title": None},
            "color": {"field": "series", "type": "nominal", "title": None, "sort": None},
        },
    }
    layers: list[dict[str, Any]] = [line]
    if band:
        layers.insert(
            0,
            {
                "data": {"values": band},
                "mark": {"type": "bar", "opacity": 0.2},
                "encoding": {
                    "x": axis,
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                },
            },
        )
    return {"$schema": SCHEMA, "title": title, "width": 420, "layer": layers}


def upset_chart_spec(title: str, combinations: list[dict[str, Any]]) -> dict[str, Any]:
    """An UpSet-style chart: one bar per combination of lists (name like "A & B"), largest first."""
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "data": {"values": combinations},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "lists", "type": "nominal", "sort": "-y", "title": None},
            "y": {"field": "count", "type": "quantitative", "title": None},
        },
    }
