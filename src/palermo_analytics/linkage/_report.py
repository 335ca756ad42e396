"""The linkage report an analyst can check: counts, weights chart, uncertain pairs, parameters."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import altair as alt
import pandas as pd
import vl_convert

from palermo_analytics.linkage._report_text import html_report, markdown_report
from palermo_analytics.linkage._result import LinkageResult
from palermo_analytics.safe_output import write_csv, write_private_text

ReportFormat = Literal["html", "markdown"]
REVIEW_FIELDS = (
    *("full_name", "given_name", "family_name", "date_of_birth", "age", "sex"),
    *("nationality", "document_number", "phone"),
)
CHART_FILE, PAIRS_FILE, PARAMETERS_FILE, MODEL_FILE = (
    "match_weights.svg",
    "uncertain_pairs.csv",
    "parameters.csv",
    "model.json",
)


def model_parameters(model: dict[str, Any]) -> pd.DataFrame:
    """One row per comparison level: m, u and the match weight log2(m/u) it contributes."""
    rows = []
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            weight = math.log2(m / u) if m and u else None
            rows.append(
                {
                    "comparison": comparison.get("output_column_name", ""),
                    "level": level.get("label_for_charts") or level["sql_condition"],
                    "m_probability": m,
                    "u_probability": u,
                    "match_weight": weight,
                }
            )
    return pd.DataFrame(rows)


def weight_chart(histogram: pd.DataFrame, threshold_weight: float) -> alt.LayerChart:
    """Compared pairs by match weight (log scale), with the threshold marked."""
    bars = (
        alt.Chart(histogram)
        .mark_bar()
        .encode(
            x=alt.X("weight_bin:Q", title="match weight (log2 Bayes factor), binned by 1"),
            y=alt.Y("pairs:Q", title="record pairs compared", scale=alt.Scale(type="symlog")),
            tooltip=["weight_bin", "pairs"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"threshold": [threshold_weight]}))
        .mark_rule(color="firebrick", strokeDash=[4, 3])
        .encode(x="threshold:Q")
    )
    return (bars + rule).properties(title="Match weight distribution", width=560, height=260)


def review_pairs(result: LinkageResult, lists: pd.DataFrame) -> pd.DataFrame:
    """The uncertain pairs with both records' fields side by side, for clerical review."""
    pairs = result.uncertain_pairs()
    fields = lists.set_index(["source", "record_id"]).loc[:, list(REVIEW_FIELDS)]
    out = pairs.copy()
    for side in ("l", "r"):
        keys = pd.MultiIndex.from_arrays([pairs[f"source_{side}"], pairs[f"record_id_{side}"]])
        side_fields = fields.reindex(keys).reset_index(drop=True).add_suffix(f"_{side}")
        out = out.join(side_fields)
    out["decision"] = ""  # for the reviewer: same / different / unsure
    return out


@dataclass(frozen=True)
class LinkageReport:
    """Everything written beside `linked.csv` so a run can be checked and repeated."""

    result: LinkageResult
    lists: pd.DataFrame
    inputs: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        counts = self.result.counts_by_source()
        return {
            "records": int(counts["records"].sum()),
            "persons": self.result.person_count,
            "compared_pairs": self.result.compared_pairs,
            "threshold": self.result.settings.threshold,
            "threshold_weight": self.result.settings.threshold_weight,
            "cohesion": "none (plain closure)"
            if self.result.settings.cohesion is None
            else self.result.settings.cohesion,
            "engine": self.result.settings.engine,
            "uncertain_pairs": len(self.result.uncertain_pairs()),
            "timings": self.result.timings,
        }

    def write(self, folder: Path | str, fmt: ReportFormat = "html") -> list[Path]:
        """Write the report, chart, review pairs, parameters and model; return their paths."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        chart = weight_chart(self.result.weight_histogram, self.result.settings.threshold_weight)
        svg = vl_convert.vegalite_to_svg(chart.to_dict())
        # Pairs and reports carry names and document numbers: private files, inert cells.
        write_private_text(out / CHART_FILE, svg)
        write_csv(review_pairs(self.result, self.lists), out / PAIRS_FILE)
        parameters = model_parameters(self.result.model)
        write_csv(parameters, out / PARAMETERS_FILE)
        write_private_text(out / MODEL_FILE, json.dumps(self.result.model, indent=2))
        files = (CHART_FILE, PAIRS_FILE, PARAMETERS_FILE, MODEL_FILE)
        context = {
            "summary": self.summary(),
            "inputs": self.inputs,
            "counts": self.result.counts_by_source(),
            "parameters": parameters,
            "uncertain": self.result.uncertain_pairs().head(20),
            "files": files,
        }
        if fmt == "html":
            report = out / "report.html"
            write_private_text(report, html_report(context, svg))
        else:
            report = out / "report.md"
            write_private_text(report, markdown_report(context))
        return [report, *(out / name for name in files)]
