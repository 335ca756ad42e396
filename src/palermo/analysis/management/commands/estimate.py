"""`palermo estimate TABLE.csv`: how many people did the lists miss? Multiple Systems Estimation."""

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from palermo_analytics.estimation import METHODS, MultipleSystemsEstimator

EXISTENCE = {
    0: "the estimate exists and is identifiable",
    1: "the maximum-likelihood estimate does not exist",
    2: "the model is not identifiable",
    3: "the estimate does not exist and the model is not identifiable",
}


class Command(BaseCommand):
    help = (
        "Estimate the total number of victims, seen and unseen, from a capture-history table "
        "(one 0/1 column per list and a 'count' column), as the R package SparseMSE does."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("table", type=Path, help="CSV file of capture histories")
        parser.add_argument("--method", choices=METHODS, default="stepwise")
        parser.add_argument(
            "--threshold", type=float, default=0.02, help="p-value to add an interaction"
        )
        parser.add_argument(
            "--bootstrap",
            type=int,
            default=0,
            metavar="N",
            help="a BCa interval from N bootstrap replicates (default: the quick normal interval)",
        )
        parser.add_argument("--seed", type=int, default=None, help="for a repeatable bootstrap")
        parser.add_argument("--level", type=float, default=0.95, help="confidence level")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.0 < options["level"] < 1.0:
            raise CommandError(f"--level must be between 0 and 1, got {options['level']}")
        if options["bootstrap"] < 0:
            raise CommandError(f"--bootstrap must be 0 or more, got {options['bootstrap']}")
        try:
            estimator = MultipleSystemsEstimator(options["method"], options["threshold"])
            estimator.fit(options["table"])
            if options["bootstrap"]:
                _bootstrap_with_progress_bar(estimator, options)
        except ValueError as error:  # CaptureHistoryError is a ValueError
            raise CommandError(str(error)) from None
        result = estimator.to_dict(options["level"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, indent=2))
        else:
            self.stdout.write(_as_table(estimator, result, options))


def _bootstrap_with_progress_bar(
    estimator: MultipleSystemsEstimator, options: dict[str, Any]
) -> None:
    bar: tqdm[Any] | None = None

    def show(done: int, total: int) -> None:
        # Made on the first report, once the worker processes exist: tqdm's monitor thread would
        # make the bootstrap start its workers the slow way.
        nonlocal bar
        bar = bar or tqdm(total=total, desc="bootstrap", unit="replicate", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        estimator.bootstrap(
            options["bootstrap"], seed=options["seed"], level=options["level"], progress=show
        )
    finally:
        if bar is not None:
            bar.close()


def _as_table(
    estimator: MultipleSystemsEstimator, result: dict[str, Any], options: dict[str, Any]
) -> str:
    interval = result["interval"]
    rule = f" (p < {options['threshold']:g})" if options["method"] == "stepwise" else ""
    lines = [
        f"Lists:           {', '.join(result['lists'])}",
        f"Observed:        {result['observed']:,}",
        f"Method:          {options['method']}{rule}",
        f"Interactions:    {', '.join(result['model']['interactions']) or 'none'}",
        f"Existence code:  {result['model']['existence_code']} "
        f"({EXISTENCE[result['model']['existence_code']]})",
        f"Estimate:        {result['estimate']:,.0f}",
        f"{interval['level']:.0%} interval:    {_interval_text(estimator, interval, options)}",
        "",
        "Candidate interactions (p-value when last considered):",
        *_candidate_lines(estimator),
        "",
        "Warnings:" if result["warnings"] else "Warnings:        none",
        *(f"  - {warning}" for warning in result["warnings"]),
    ]
    return "\n".join(lines)


def _interval_text(
    estimator: MultipleSystemsEstimator, interval: dict[str, Any], options: dict[str, Any]
) -> str:
    quick = estimator.normal_interval(options["level"])
    quick_text = f"{quick.low:,.0f} to {quick.high:,.0f} (normal)"
    if interval["method"] == "normal":
        return quick_text
    if interval["low"] is None:
        return f"none (BCa failed); {quick_text}"
    replicates = f"{options['bootstrap']:,} bootstrap replicates"
    bca_text = f"{interval['low']:,.0f} to {interval['high']:,.0f} (BCa, {replicates})"
    return f"{bca_text}; {quick_text}"


def _candidate_lines(estimator: MultipleSystemsEstimator) -> list[str]:
    width = max((len(name) for name in estimator.candidate_p_values_), default=0)
    chosen = set(estimator.interactions_)
    return [
        f"  {name:<{width}}  {p_value:<9.3g}{'in the model' if name in chosen else ''}".rstrip()
        for name, p_value in estimator.candidate_p_values_.items()
    ]
