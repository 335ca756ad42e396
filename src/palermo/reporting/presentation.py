"""From a stored snapshot to what a page or a file shows: tables with margins, hidden cells for
the public edition, drill-down links for the committee edition, charts as SVG."""

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import vl_convert
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.reporting.sdg import VICTIMS, SdgView, sdg_view
from palermo.reporting.sources import SECTION_ORDER
from palermo_analytics.reporting import (
    DisclosureRule,
    Published,
    Table,
    bar_chart_spec,
    publish,
    trend_chart_spec,
    upset_chart_spec,
)

SMALL_CELL_THRESHOLD = 10
SECTION_TITLES = {
    "prosecution": gettext_lazy("Prosecution"),
    "protection": gettext_lazy("Protection"),
    "prevention": gettext_lazy("Prevention"),
    "funding": gettext_lazy("Funding"),
    "quality": gettext_lazy("Data quality"),
}
# Derived rates shown beside a figure: (figure, numerator column, denominator columns, per).
RATES: dict[str, tuple[str, tuple[str, ...], int]] = {
    "screenings_by_agency": ("presumed_victim", (), 100),
    "screenings_by_group": ("presumed_victim", (), 100),
    "referrals": ("identified", ("identified", "not_identified"), 100),
}

Linker = Callable[[str, str, str], str]


@dataclass
class Cell:
    value: int | None
    href: str = ""


@dataclass
class Row:
    code: str
    label: str
    cells: list[Cell]
    total: Cell
    rate: str = ""


@dataclass
class FigureView:
    key: str
    title: str
    rule: str
    standards: list[str]
    columns: list[str]
    rows: list[Row]
    column_totals: list[Cell]
    grand_total: Cell
    hidden: int = 0
    chart: str = ""
    has_rate: bool = False
    single_column: bool = False


@dataclass
class SectionView:
    key: str
    title: str
    figures: list[FigureView] = field(default_factory=list)


@dataclass
class EstimatePoint:
    """A year's hidden-figure estimate beside the trend: identified X of an estimated Y (a–b)."""

    year: str
    observed: int
    estimate: int
    low: int | None
    high: int | None


@dataclass
class ReportView:
    year: int
    period: dict[str, Any]
    public: bool
    rule: str
    sections: list[SectionView]
    trend: FigureView
    sdg: SdgView | None = None
    estimates: list[EstimatePoint] = field(default_factory=list)


def disclosure_rule(settings: dict[str, Any]) -> tuple[DisclosureRule, int]:
    rule = DisclosureRule(settings.get("disclosure", DisclosureRule.SUPPRESS))
    return rule, int(settings.get("rounding_base", 5))


def rule_text(rule: DisclosureRule, base: int) -> str:
    if rule == DisclosureRule.ROUND:
        return _(
            "Every count is rounded to the nearest multiple of %(base)s, totals too, so totals "
            "may differ from the sum of their rows."
        ) % {"base": base}
    return _(
        "No count from 1 to 9 is shown: such cells are hidden (•), and further cells are hidden "
        "so that no hidden count can be worked out from the totals."
    )


def present(
    snapshot: dict[str, Any],
    public: bool,
    link: Linker | None = None,
    charts: bool = True,
    keys: set[str] | None = None,
    estimates: dict[int, dict[str, Any]] | None = None,
) -> ReportView:
    """`estimates` (year: a stored hidden-figure estimate) draw the estimate band on the trend;
    the public edition never shows them."""
    rule, base = disclosure_rule(snapshot.get("settings", {}))
    sections = {key: SectionView(key, str(SECTION_TITLES[key])) for key in SECTION_ORDER}
    for key, data in snapshot["figures"].items():
        if keys is not None and key not in keys:
            continue
        if public and data["section"] == "quality":
            continue  # data quality is the committee's working material, not a public figure
        view = _figure(key, data, public, rule, base, None if public else link, charts)
        sections.setdefault(data["section"], SectionView(data["section"], data["section"]))
        sections[data["section"]].figures.append(view)
    trend_data = {**snapshot["trend"], "title": _("Five-year trends"), "rule": "", "standards": []}
    trend = _figure("trend", trend_data, public, rule, base, None if public else link, False)
    points = [] if public else _estimate_points(trend.columns, estimates or {})
    if charts:
        trend.chart = _trend_chart(trend, points)
    return ReportView(
        snapshot["period"]["year"],
        snapshot["period"],
        public,
        rule_text(rule, base) if public else "",
        [section for section in sections.values() if section.figures],
        trend,
        _sdg(snapshot, public, rule, base) if keys is None else None,
        points,
    )


def _estimate_points(years: list[str], estimates: dict[int, dict[str, Any]]) -> list[EstimatePoint]:
    points = []
    for year in years:
        found = estimates.get(int(year)) or {}
        if found.get("estimate") is None:
            continue
        interval = found.get("interval") or {}
        points.append(
            EstimatePoint(
                year,
                int(found["observed"]),
                round(found["estimate"]),
                _rounded(interval.get("low")),
                _rounded(interval.get("high")),
            )
        )
    return points


def _sdg(snapshot: dict[str, Any], public: bool, rule: DisclosureRule, base: int) -> SdgView | None:
    """SDG 16.2.2 from the presumed victims' table as this edition publishes it."""
    data = snapshot["figures"].get(VICTIMS)
    if data is None:
        return None
    table = _table(VICTIMS, data)
    grid = _published_grid(table, data, public, rule, base)
    return sdg_view(snapshot, grid, dict([*data["rows"], *data["columns"]]))


def _table(key: str, data: dict[str, Any]) -> Table:
    rows, columns = data["rows"], data["columns"]
    return Table(
        key,
        [code for code, _label in rows],
        [code for code, _label in columns],
        data["cells"],
        dict([*rows, *columns]),
    )


def _figure(
    key: str,
    data: dict[str, Any],
    public: bool,
    rule: DisclosureRule,
    base: int,
    link: Linker | None,
    charts: bool,
) -> FigureView:
    rows, columns = data["rows"], data["columns"]
    table = _table(key, data)
    grid = _published_grid(table, data, public, rule, base)

    def cell(i: int, j: int) -> Cell:
        value = grid[i][j]
        inner = i < len(rows) and j < len(columns)
        href = link(key, rows[i][0], columns[j][0]) if link and inner and value else ""
        return Cell(value, href)

    views = [
        Row(
            code,
            label,
            [cell(i, j) for j in range(len(columns))],
            cell(i, len(columns)),
            _rate(key, columns, grid[i]),
        )
        for i, (code, label) in enumerate(rows)
    ]
    view = FigureView(
        key,
        data["title"],
        data.get("rule", ""),
        data.get("standards", []),
        [label for _code, label in columns],
        views,
        [cell(len(rows), j) for j in range(len(columns))],
        cell(len(rows), len(columns)),
        hidden=sum(value is None for line in grid for value in line),
        has_rate=key in RATES,
        single_column=len(columns) == 1,
    )
    if charts:
        spec = bar_chart_spec(table, data["title"], "", "", [line[:-1] for line in grid[:-1]])
        view.chart = svg_data_uri(spec)
    return view


def _published_grid(
    table: Table, data: dict[str, Any], public: bool, rule: DisclosureRule, base: int
) -> list[list[int | None]]:
    if not public:
        return [list(line) for line in table.with_margins()]
    if data.get("is_about_no_one"):
        return [list(line) for line in table.with_margins()]
    if data.get("is_amount"):
        # An amount is shown only when enough decisions make it up.
        contributors = sum(sum(line) for line in data.get("contributors", [[0]]))
        hide = 0 < contributors < SMALL_CELL_THRESHOLD
        return [[None if hide else value for value in line] for line in table.with_margins()]
    published: Published = publish(table, rule, SMALL_CELL_THRESHOLD, base)
    return published.grid


def _rate(key: str, columns: list[list[str]], line: list[int | None]) -> str:
    if key not in RATES:
        return ""
    numerator_code, denominator_codes, per = RATES[key]
    codes = [code for code, _label in columns]
    numerator = line[codes.index(numerator_code)]
    if denominator_codes:
        parts = [line[codes.index(code)] for code in denominator_codes]
        denominator = None if any(p is None for p in parts) else sum(p or 0 for p in parts)
    else:
        denominator = line[-1]
    if numerator is None or not denominator:
        return "–"
    return f"{per * numerator / denominator:.1f}"


def _trend_chart(trend: FigureView, estimates: list[EstimatePoint]) -> str:
    points = [
        {"year": year, "series": row.label, "count": cell.value}
        for row in trend.rows
        for year, cell in zip(trend.columns, row.cells, strict=True)
        if cell.value is not None
    ]
    label = _("estimated victims (95 per cent interval)")
    points += [{"year": e.year, "series": label, "count": e.estimate} for e in estimates]
    band = [
        {"year": e.year, "low": e.low, "high": e.high}
        for e in estimates
        if e.low is not None and e.high is not None
    ]
    return svg_data_uri(trend_chart_spec(_("Five-year trends"), points, band, trend.columns))


def svg_data_uri(spec: dict[str, Any]) -> str:
    """The chart rendered on the server (no script in the page), as an image the CSP allows."""
    svg = vl_convert.vegalite_to_svg(spec)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass
class EstimateView:
    observed: int
    estimate: int | None
    low: int | None
    high: int | None
    warnings: list[str]
    chart: str
    overlaps: list[dict[str, Any]]
    # Each model's own estimate and interval, when the figure is their range (since issue 16).
    methods: list[dict[str, Any]] = field(default_factory=list)


def estimate_view(estimate: dict[str, Any], charts: bool = True) -> EstimateView | None:
    """The stored hidden-figure estimate as the page shows it, or None when none was made."""
    if not estimate:
        return None
    interval = estimate.get("interval") or {}
    overlaps = estimate.get("overlaps", [])
    chart = ""
    if charts and overlaps:
        chart = svg_data_uri(upset_chart_spec(_("Persons on each combination of lists"), overlaps))
    return EstimateView(
        estimate["observed"],
        _rounded(estimate.get("estimate")),
        _rounded(interval.get("low")),
        _rounded(interval.get("high")),
        estimate.get("warnings", []),
        chart,
        overlaps,
        [
            {
                "name": name,
                **{key: _rounded(figures.get(key)) for key in ("estimate", "low", "high")},
            }
            for name, figures in estimate.get("methods", {}).items()
        ],
    )


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)
