"""SDG indicator 16.2.2 beside the report: detected victims per 100,000 inhabitants, by sex and
by age group, from the presumed victims' table and the population the jurisdiction pack gives
for the year (`statistics.population`). Without a population the report says so plainly."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from palermo_analytics.reporting import Rate, rates_per_100k

VICTIMS = "victims_presumed"


@dataclass
class RateLine:
    group: str
    victims: int | None
    population: int | None
    per_100k: str


@dataclass
class SdgView:
    year: int
    lines: list[RateLine] = field(default_factory=list)
    source: str = ""
    missing: str = ""


def population_of(settings: dict[str, Any], year: int) -> dict[str, int]:
    """The pack's population figures for the year, by group (total, female, male, child,
    adult); the stored settings are JSON, so the year may be a string key."""
    years = (settings.get("population") or {}).get("years") or {}
    found = years.get(str(year), years.get(year)) or {}
    return {str(group): int(value) for group, value in found.items()}


def sdg_view(
    snapshot: dict[str, Any], grid: list[list[int | None]], labels: dict[str, str]
) -> SdgView:
    """The rates from the victims' table as published (`grid`, with its margins)."""
    data = snapshot["figures"][VICTIMS]
    year = int(snapshot["period"]["year"])
    settings = snapshot.get("settings", {})
    population = population_of(settings, year)
    view = SdgView(year, source=str((settings.get("population") or {}).get("source", "")))
    if not population:
        view.missing = _(
            "The jurisdiction pack gives no population for %(year)s (statistics.population), so "
            "no rate per 100,000 inhabitants can be worked out."
        ) % {"year": year}
        return view
    rows = [code for code, _label in data["rows"]]
    columns = [code for code, _label in data["columns"]]
    for rate in rates_per_100k(grid, rows, columns, population):
        view.lines.append(_line(rate, labels))
    return view


def _line(rate: Rate, labels: dict[str, str]) -> RateLine:
    label = _("all victims") if rate.group == "total" else labels.get(rate.group, rate.group)
    if rate.per_100k is not None:
        shown = f"{rate.per_100k:.2f}"
    elif rate.population is None:
        shown = _("no population given")
    else:
        shown = "•"  # the count is hidden in the public edition
    return RateLine(label, rate.victims, rate.population, shown)
