"""The hidden figure: how many victims did no agency find? A Multiple Systems Estimate from the
period's lists — each agency's own presumed victims, a person on several lists when several
agencies hold a case of the same person record.

The figure is the range of the methods `palermo estimate --method compare` runs by default
(docs/estimation.md), not one model's interval: on simulated worlds each model's interval held
the truth in under nine worlds in ten, their range in 95 % or more."""

import math
import statistics
import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from palermo.registry.models import VictimCase
from palermo.reporting.periods import Period
from palermo_analytics.estimation import (
    COUNT_COLUMN,
    MIN_RECAPTURED,
    CaptureHistories,
    CaptureHistoryError,
    MethodComparison,
    MethodSettings,
    people_on_several_lists,
    read_capture_histories,
)
from palermo_analytics.linkage import capture_histories, link_records
from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS

# Below these the estimate says more about the model than about the population.
MIN_OBSERVED = 50
MIN_LISTS = 2
LEVEL = 0.95
# A figure estimated again from the same lists must come out the same: the bootstrap is seeded.
SEED = 16
REPLICATES = 1000

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


SEX_CODES = {"female": "F", "male": "M", "other": "X"}


def registry_person_list(period: Period) -> pd.DataFrame:
    """The agencies' lists of the period in the person-list format (docs/person-list-format.md),
    names decrypted in memory only, for linking with lists uploaded from bodies off the platform.
    """
    cases = VictimCase.objects.filter(
        reflection_period_start__gte=period.start, reflection_period_start__lte=period.end
    ).select_related("person", "owning_agency")
    rows = [
        {
            "record_id": case.reference,
            "source": case.owning_agency.code,
            "given_name": case.person.given_name,
            "family_name": case.person.family_name,
            "sex": SEX_CODES.get(case.person.sex, ""),
            "date_of_birth": case.person.date_of_birth,
            "nationality": case.person.nationality,
            "document_number": next(
                (d.get("number", "") for d in case.person.document_numbers), ""
            ),
        }
        for case in cases.iterator()
    ]
    # The format's columns, the ones the registry does not hold left empty.
    return pd.DataFrame(rows, columns=list(PERSON_LIST_COLUMNS)).fillna("")


def linked_lists(
    period: Period, uploaded: pd.DataFrame, progress: Progress | None = None
) -> pd.DataFrame:
    """The registry's lists and the uploaded ones (as `read_person_lists` returns them),
    linked into persons by the analytics library (Splink): one row per record, with `source`
    and `person_id`."""
    registry = registry_person_list(period).reindex(columns=uploaded.columns, fill_value="")
    lists = pd.concat([registry, uploaded], ignore_index=True).fillna("")
    result = link_records(lists, progress=progress)
    return result.linked.loc[:, ["source", "person_id"]].drop_duplicates()


def estimate_hidden_figure(
    period: Period, progress: Progress | None = None, uploaded: pd.DataFrame | None = None
) -> dict[str, Any]:
    """Plain data for the page: observed, estimate and interval, the overlaps, and warnings.
    With `uploaded` person lists, every list is linked first (a person is whoever linkage says)."""
    show = progress or (lambda _stage, _done, _total: None)
    show("lists", 0, 3)
    linked = agency_lists(period) if uploaded is None else linked_lists(period, uploaded, progress)
    sources = sorted(linked["source"].unique()) if len(linked) else []
    observed = int(linked["person_id"].nunique()) if len(linked) else 0
    result: dict[str, Any] = {"observed": observed, "lists": sources, "warnings": []}
    if len(sources) < MIN_LISTS or observed == 0:
        result["warnings"].append(_("Fewer than two lists have victims this year: no estimate."))
        return result
    table = capture_histories(linked, sources)
    result["overlaps"] = _overlaps(table, sources)
    try:
        histories = read_capture_histories(table)
    except CaptureHistoryError as error:
        result["warnings"].append(str(error))
        return result
    if people_on_several_lists(histories) < MIN_RECAPTURED:
        # Every model then extrapolates from almost nothing: in the demo's lists, where nobody is
        # on two lists, the range ran to trillions. A number would be read; a refusal is not.
        result["warnings"].append(
            _(
                "Fewer than %(count)s victims are on two or more lists: the lists say too little "
                "about whom they all missed, so no estimate is made."
            )
            % {"count": MIN_RECAPTURED}
        )
        return result
    show("model", 1, 3)
    with warnings.catch_warnings(record=True) as numerical:
        warnings.simplefilter("always", RuntimeWarning)
        fitted = _range_of_methods(histories)
    if numerical:
        result["warnings"].append(
            _("The model's arithmetic overflowed: the interval is not to be trusted.")
        )
    show("done", 3, 3)
    result.update(
        estimate=fitted["estimate"],
        interval=fitted["interval"],
        methods=fitted["methods"],
        existence_code=fitted["existence_code"],
    )
    result["warnings"].extend(fitted["warnings"])
    if any(not _finite(value) for value in [fitted["estimate"], *interval_bounds(fitted)]):
        result["warnings"].append(_("The estimate or its interval is unbounded."))
        result.update(estimate=None, interval={})
    if observed < MIN_OBSERVED or fitted["existence_code"] != 0:
        result["warnings"].insert(
            0,
            _(
                "The lists are too small or overlap too little for a trustworthy estimate: "
                "read it as an order of magnitude at most."
            ),
        )
    return result


def _range_of_methods(table: CaptureHistories) -> dict[str, Any]:
    """compare's default methods on the table: the median of their estimates, the range of their
    intervals, each method's own figures, and the warnings, each model's named."""
    settings = MethodSettings(replicates=REPLICATES, seed=SEED, level=LEVEL, workers=1)
    comparison = MethodComparison(settings=settings).fit(table)
    results = comparison.results_.values()
    low, high = comparison.range_
    return {
        "estimate": statistics.median(result.estimate for result in results),
        "interval": {"method": "range", "level": LEVEL, "low": low, "high": high},
        "methods": {
            result.method: {
                "estimate": result.estimate,
                "low": result.interval.low,
                "high": result.interval.high,
            }
            for result in results
        },
        # A log-linear model whose estimate does not exist or is not identifiable.
        "existence_code": max(result.existence_code for result in results),
        "warnings": [
            *comparison.warnings_,
            *(f"{result.method}: {warning}" for result in results for warning in result.warnings),
        ],
    }


def interval_bounds(fitted: dict[str, Any]) -> list[Any]:
    interval = fitted.get("interval") or {}
    return [interval.get("low"), interval.get("high")]


def _finite(value: Any) -> bool:
    """JSON (and a reader) can hold neither NaN nor infinity: such an estimate is no estimate."""
    return value is None or math.isfinite(float(value))


def _overlaps(table: pd.DataFrame, sources: list[str]) -> list[dict[str, Any]]:
    """Each observed combination of lists ("A & B") and how many persons are on exactly it."""
    rows = []
    for _index, row in table.iterrows():  # one row per observed pattern, a few dozen at most
        on = [source for source in sources if row[source]]
        rows.append({"lists": " & ".join(on), "count": int(row[COUNT_COLUMN])})
    return sorted(rows, key=lambda item: -item["count"])
