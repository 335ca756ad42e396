"""`palermo estimate TABLE.csv`: how many people did the lists miss? Multiple Systems Estimation."""

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from palermo_analytics.cli import CommandFailed

# Names only, so that `--help` and bad arguments answer before numpy, pandas and scipy load.
LOG_LINEAR = ("stepwise", "main-effects", "aic", "bic", "all-pairs", "heterogeneity")
BASE = (*LOG_LINEAR, "latent-class", "bma")
METHODS = (*BASE, "stratified", "compare")

METHOD_HELP = """methods (what each assumes: see docs/estimation.md):
  stepwise      log-linear, two-list interactions added while p < --threshold (SparseMSE; the
                default). Everyone equally visible: biased low when some victims are far
                harder to find than others.
  main-effects  log-linear, lists independent and everyone equally visible (a reference).
  aic, bic      log-linear, interactions chosen by AIC or BIC.
  all-pairs     log-linear, every two-list interaction the table supports (no test): keeps the
                dependence that uneven visibility creates.
  heterogeneity all-pairs with Rcapture's Poisson heterogeneity term (2^k - 1 for people on
                k lists): reads the excess of people on many lists as visibility. Wider
                intervals; usually a higher estimate (on the UK 2013 table a lower one).
  latent-class  Bayesian latent classes of different visibility (LCMCR); handles heterogeneity.
  bma           Bayesian average over every decomposable log-linear model, interactions of
                any order (Madigan & York 1997, R's dga); 3 to 6 lists.
  stratified    --within method in each stratum of --strata columns, estimates added up.
  compare       every method in --compare on the same table, and the range they span
                (default all-pairs, heterogeneity and latent-class: the range that held the
                true number in 95-98 % of simulated worlds, from true and linked histories).
"""


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="palermo estimate",
        description=(
            "Estimate the total number of victims, seen and unseen, from a capture-history table "
            "(one 0/1 column per list and a 'count' column)."
        ),
        epilog=METHOD_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("table", type=Path, help="CSV file of capture histories")
    parser.add_argument("--method", choices=METHODS, default="stepwise", help="see below")
    parser.add_argument(
        "--threshold", type=float, default=0.02, help="stepwise: p-value to add an interaction"
    )
    parser.add_argument(
        "--bootstrap",
        nargs="?",
        const="auto",
        default=None,
        metavar="N",
        help=(
            "log-linear: a BCa interval from N bootstrap replicates; without N, replicates are "
            "added until each bound's Monte-Carlo error is under 2%% of the estimate (up to "
            "8,000). Default: the quick normal interval"
        ),
    )
    parser.add_argument(
        "--iterations", type=int, default=5000, help="latent-class: Gibbs sweeps kept per chain"
    )
    parser.add_argument(
        "--strata", default="", help="stratified: covariate columns, comma-separated (e.g. sex)"
    )
    parser.add_argument("--within", choices=BASE, default="latent-class", help="stratified: method")
    parser.add_argument(
        "--compare",
        # The library's DEFAULT_COMPARED, written out so that --help needs no numpy.
        default="all-pairs,heterogeneity,latent-class",
        help="compare: methods, comma-separated (default all-pairs,heterogeneity,latent-class)",
    )
    parser.add_argument("--seed", type=int, default=None, help="for repeatable draws")
    parser.add_argument("--level", type=float, default=0.95, help="interval level")
    parser.add_argument("--workers", type=int, default=None, help="bootstrap processes")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    return parser


def main(argv: Sequence[str]) -> None:
    options = parser().parse_args(argv)
    _check(options)
    try:
        estimator = _fit(options)
    except ValueError as error:  # CaptureHistoryError is a ValueError
        raise CommandFailed(str(error)) from None
    if options.format == "json":
        print(json.dumps(_as_dict(estimator, options), indent=2))
    else:
        from palermo_analytics.estimation._summary import report

        print(report(estimator, options.level))


def _check(options: argparse.Namespace) -> None:
    if not 0.0 < options.level < 1.0:
        raise CommandFailed(f"--level must be between 0 and 1, got {options.level}")
    bootstrap = options.bootstrap
    if bootstrap not in (None, "auto") and (not bootstrap.isdigit() or int(bootstrap) < 2):
        raise CommandFailed(
            f"--bootstrap must be a number of replicates of 2 or more, got {bootstrap}"
        )
    if options.bootstrap and options.method not in LOG_LINEAR:
        raise CommandFailed(f"--bootstrap applies to the log-linear methods, not {options.method}")
    if options.method == "stratified" and not _names(options.strata):
        raise CommandFailed("--method stratified needs --strata, e.g. --strata sex")
    if options.iterations < 10:
        raise CommandFailed(f"--iterations must be at least 10, got {options.iterations}")
    unknown = [name for name in _names(options.compare) if name not in BASE]
    if options.method == "compare" and (unknown or len(_names(options.compare)) < 2):
        raise CommandFailed(f"--compare takes two or more of {', '.join(BASE)}")


def _fit(options: argparse.Namespace) -> Any:
    from palermo_analytics.estimation import (
        LatentClassEstimator,
        MethodComparison,
        MethodSettings,
        ModelAveragingEstimator,
        MultipleSystemsEstimator,
        StratifiedEstimator,
    )

    settings = MethodSettings(
        iterations=options.iterations,
        seed=options.seed,
        level=options.level,
        workers=options.workers,
    )
    if options.method == "latent-class":
        from palermo_analytics.progress import count_progress_bar

        model = LatentClassEstimator(
            iterations=options.iterations, seed=options.seed, level=options.level
        )
        with count_progress_bar("latent-class", "sweep") as show:
            return model.fit(options.table, progress=show)
    if options.method == "bma":
        return ModelAveragingEstimator(seed=options.seed, level=options.level).fit(options.table)
    if options.method == "stratified":
        return StratifiedEstimator(_names(options.strata), options.within, settings).fit(
            options.table
        )
    if options.method == "compare":
        return MethodComparison(_names(options.compare), settings).fit(options.table)
    estimator = MultipleSystemsEstimator(options.method, options.threshold).fit(options.table)
    if options.bootstrap:
        _bootstrap(estimator, options)
    return estimator


def _bootstrap(estimator: Any, options: argparse.Namespace) -> None:
    from palermo_analytics.progress import count_progress_bar

    replicates = None if options.bootstrap == "auto" else int(options.bootstrap)
    with count_progress_bar("bootstrap", "replicate") as show:
        estimator.bootstrap(
            replicates,
            seed=options.seed,
            level=options.level,
            progress=show,
            workers=options.workers,
        )


def _as_dict(estimator: Any, options: argparse.Namespace) -> dict[str, Any]:
    from palermo_analytics.estimation import ASSUMPTIONS, MultipleSystemsEstimator

    result: dict[str, Any] = (
        estimator.to_dict(options.level)
        if isinstance(estimator, MultipleSystemsEstimator)
        else estimator.to_dict()
    )
    result["method"] = options.method
    result["assumptions"] = ASSUMPTIONS[options.method]
    return result


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]
