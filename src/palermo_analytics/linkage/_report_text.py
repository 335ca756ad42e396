"""The linkage report as HTML (chart inline) or Markdown (chart beside it)."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

_INTRO = (
    "Records from the agencies' lists were standardised (names folded to romanisation-independent "
    "keys, dates, documents and phones normalised), compared pair by pair with a Fellegi-Sunter "
    "model (Splink), and pairs at or above the threshold were joined into persons; with the "
    "cohesion guard, a group joined only through other records was split where the mean match "
    "weight between its parts fell below the cohesion (in bits)."
)
_REVIEW_NOTE = (
    "The uncertain pairs file holds personal data for clerical review: keep it with the lists "
    "it came from, and delete it once reviewed."
)


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _rows(frame: pd.DataFrame, index: bool) -> tuple[list[str], list[list[str]]]:
    shown = frame.reset_index() if index else frame
    header = [str(column) for column in shown.columns]
    body = [[_number(value) for value in row] for row in shown.itertuples(index=False)]
    return header, body


def markdown_table(frame: pd.DataFrame, *, index: bool = False) -> str:
    header, body = _rows(frame, index)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in body]
    return "\n".join(lines)


def html_table(frame: pd.DataFrame, *, index: bool = False) -> str:
    header, body = _rows(frame, index)
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in body
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _summary_frame(summary: dict[str, Any]) -> pd.DataFrame:
    shown = {key: value for key, value in summary.items() if key != "timings"}
    shown["seconds"] = round(sum(summary["timings"].values()), 1)
    return pd.DataFrame({"": list(shown), "value": list(shown.values())})


def markdown_report(context: dict[str, Any]) -> str:
    chart, pairs, parameters, model = context["files"]
    parts = [
        "# Linkage report",
        _INTRO,
        "Inputs: " + ", ".join(f"`{name}`" for name in context["inputs"]),
        markdown_table(_summary_frame(context["summary"])),
        "## Records and persons by source",
        markdown_table(context["counts"], index=True),
        "## Match weights",
        f"![Match weight distribution]({chart})",
        "## Uncertain pairs (nearest the threshold)",
        f"All of them, with both records' fields, are in `{pairs}`. {_REVIEW_NOTE}",
        markdown_table(context["uncertain"]),
        "## Model parameters",
        f"Also in `{parameters}`; the whole model is in `{model}` (use it with `--model`).",
        markdown_table(context["parameters"]),
    ]
    return "\n\n".join(parts) + "\n"


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;"
    "text-align:left;font-size:.9rem}"
)


def html_report(context: dict[str, Any], svg: str) -> str:
    _, pairs, parameters, model = context["files"]
    inputs = ", ".join(f"<code>{html.escape(name)}</code>" for name in context["inputs"])
    body = [
        "<h1>Linkage report</h1>",
        f"<p>{html.escape(_INTRO)}</p>",
        f"<p>Inputs: {inputs}</p>",
        html_table(_summary_frame(context["summary"])),
        "<h2>Records and persons by source</h2>",
        html_table(context["counts"], index=True),
        "<h2>Match weights</h2>",
        svg,
        "<h2>Uncertain pairs (nearest the threshold)</h2>",
        f"<p>All of them, with both records' fields, are in <code>{pairs}</code>. "
        f"{html.escape(_REVIEW_NOTE)}</p>",
        html_table(context["uncertain"]),
        "<h2>Model parameters</h2>",
        f"<p>Also in <code>{parameters}</code>; the whole model is in <code>{model}</code> "
        "(use it with <code>--model</code>).</p>",
        html_table(context["parameters"]),
    ]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Linkage report</title><style>{_STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
