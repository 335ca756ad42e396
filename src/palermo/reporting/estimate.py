"""The hidden figure: how many victims did no agency find? A Multiple Systems Estimate from the
period's lists — each agency's own presumed victims, a person on several lists when several
agencies hold a case of the same person record."""

from collections.abc import Callable
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from palermo.registry.models import VictimCase
from palermo.reporting.periods import Period
from palermo_analytics.estimation import CaptureHistoryError, MultipleSystemsEstimator
from palermo_analytics.linkage import capture_histories

# Below these the estimate says more about the model than about the population.
MIN_OBSERVED = 50
MIN_LISTS = 2
LEVEL = 0.95

Progress = Callable[[str, int, int], None]


def agency_lists(period: Period) -> pd.DataFrame:
    """One row per (agency, person) seen in the period: the lists the estimate captures from."""
    pairs = (
        VictimCase.objects.filter(
            reflection_period_start__gte=period.start, reflection_period_start__lte=period.end
        )
        .values_list("owning_agency__code", "person_id")
        .distinct()
    )
    return pd.DataFrame(list(pairs), columns=["source", "person_id"])


def estimate_hidden_figure(period: Period, progress: Progress | None = None) -> dict[str, Any]:
    """Plain data for the page: observed, estimate and interval, the overlaps, and warnings."""
    show = progress or (lambda _stage, _done, _total: None)
    show("lists", 0, 3)
    linked = agency_lists(period)
    sources = sorted(linked["source"].unique()) if len(linked) else []
    observed = int(linked["person_id"].nunique()) if len(linked) else 0
    result: dict[str, Any] = {"observed": observed, "lists": sources, "warnings": []}
    if len(sources) < MIN_LISTS or observed == 0:
        result["warnings"].append(_("Fewer than two lists have victims this year: no estimate."))
        return result
    table = capture_histories(linked, sources)
    result["overlaps"] = _overlaps(table, sources)
    show("model", 1, 3)
    try:
        estimator = MultipleSystemsEstimator().fit(table)
    except CaptureHistoryError as error:
        result["warnings"].append(str(error))
        return result
    fitted = estimator.to_dict(LEVEL)
    show("done", 3, 3)
    result.update(
        estimate=fitted["estimate"],
        interval=fitted["interval"],
        existence_code=fitted["model"]["existence_code"],
    )
    result["warnings"].extend(fitted["warnings"])
    if observed < MIN_OBSERVED or fitted["model"]["existence_code"] != 0:
        result["warnings"].insert(
            0,
            _(
                "The lists are too small or overlap too little for a trustworthy estimate: "
                "read it as an order of magnitude at most."
            ),
        )
    return result


def _overlaps(table: pd.DataFrame, sources: list[str]) -> list[dict[str, Any]]:
    """Each observed combination of lists ("A & B") and how many persons are on exactly it."""
    rows = []
    for _index, row in table.iterrows():  # one row per observed pattern, a few dozen at most
        on = [source for source in sources if row[source]]
        rows.append({"lists": " & ".join(on), "count": int(row["count"])})
    return sorted(rows, key=lambda item: -item["count"])
