"""Plain-text reports of an estimate, for a terminal or a log: what was estimated, on what
assumptions, how sure, and what to be wary of. The `palermo estimate` command prints these."""

from typing import Any

from palermo_analytics.estimation._comparison import MethodComparison
from palermo_analytics.estimation._estimator import MultipleSystemsEstimator
from palermo_analytics.estimation._latent_class import LatentClassEstimator
from palermo_analytics.estimation._model_averaging import ModelAveragingEstimator
from palermo_analytics.estimation._stratified import StratifiedEstimator
from palermo_analytics.estimation._warnings import ASSUMPTIONS

EXISTENCE = {
    0: "the estimate exists and is identifiable",
    1: "the maximum-likelihood estimate does not exist",
    2: "the model is not identifiable",
    3: "the estimate does not exist and the model is not identifiable",
}

type Estimator = (
    MultipleSystemsEstimator
    | LatentClassEstimator
    | ModelAveragingEstimator
    | StratifiedEstimator
    | MethodComparison
)


def report(estimator: Estimator, level: float = 0.95) -> str:
    """The fitted estimator as a table of lines: estimate, interval, assumptions, warnings."""
    if isinstance(estimator, MultipleSystemsEstimator):
        return log_linear_report(estimator, level)
    if isinstance(estimator, LatentClassEstimator):
        return latent_class_report(estimator)
    if isinstance(estimator, ModelAveragingEstimator):
        return model_averaging_report(estimator)
    if isinstance(estimator, StratifiedEstimator):
        return stratified_report(estimator)
    return comparison_report(estimator)


def log_linear_report(estimator: MultipleSystemsEstimator, level: float = 0.95) -> str:
    result = estimator.to_dict(level)
    interval = result["interval"]
    code = result["model"]["existence_code"]
    rule = f" (p < {estimator.threshold:g})" if estimator.method == "stepwise" else ""
    lines = [
        *_head(result["lists"], result["observed"], f"{estimator.method}{rule}", estimator.method),
        f"Interactions:    {', '.join(result['model']['interactions']) or 'none'}",
        f"Existence code:  {code} ({EXISTENCE[code]})",
        f"Estimate:        {result['estimate']:,.0f}",
        f"{interval['level']:.0%} interval:    {_log_linear_interval(estimator, level)}",
        "",
        "Candidate interactions (p-value when last considered):",
        *_candidate_lines(estimator),
        "",
        *_warning_lines(result["warnings"]),
    ]
    return "\n".join(lines)


def latent_class_report(model: LatentClassEstimator) -> str:
    interval = model.interval_
    lines = [
        *_head(model.lists_, model.observed_, "latent-class (LCMCR)", "latent-class"),
        f"Classes:         up to {model.max_classes}, {model.occupied_classes_:.1f} occupied on "
        "average",
        f"Sampler:         {model.chains} chains, {model.samples_.size:,} draws kept, "
        f"{model.effective_draws_:,.0f} effective, R-hat {model.r_hat_:.2f}",
        f"Estimate:        {model.estimate_:,.0f} (posterior median)",
        f"{interval.level:.0%} interval:    {interval.low:,.0f} to {interval.high:,.0f} (credible)",
        "",
        *_warning_lines(model.warnings_),
    ]
    return "\n".join(lines)


def model_averaging_report(model: ModelAveragingEstimator) -> str:
    interval = model.interval_
    width = max(len(name) for name, _ in model.models_)
    lines = [
        *_head(model.lists_, model.observed_, "bma (decomposable graphical models)", "bma"),
        f"Models:          {model.posterior_.model_probabilities.size:,} averaged, prior "
        f"delta {model.delta_:g} per cell",
        f"Estimate:        {model.estimate_:,.0f} (posterior median)",
        f"{interval.level:.0%} interval:    {interval.low:,.0f} to {interval.high:,.0f} (credible)",
        "",
        "Most probable models (interactions, posterior probability):",
        *(f"  {name:<{width}}  {probability:.3f}" for name, probability in model.models_),
        "",
        *_warning_lines(model.warnings_),
    ]
    return "\n".join(lines)


def stratified_report(model: StratifiedEstimator) -> str:
    summary = model.summary()
    width = max(len(str(name)) for name in summary.index)
    interval = model.interval_
    lines = [
        *_head(
            model.lists_,
            model.observed_,
            f"stratified by {', '.join(model.strata)}, {model.method} within each",
            "stratified",
        ),
        f"Within strata:   {ASSUMPTIONS[model.method]}",
        f"Estimate:        {model.estimate_:,.0f} (sum of the strata)",
        f"{interval.level:.0%} interval:    {interval.low:,.0f} to {interval.high:,.0f} "
        "(percentiles of the summed draws)",
        "",
        f"  {'stratum':<{width}}  {'observed':>9}  {'estimate':>9}  interval",
        *(
            f"  {name!s:<{width}}  {row.observed:>9,.0f}  {row.estimate:>9,.0f}  "
            f"{row.low:,.0f} to {row.high:,.0f}"
            for name, row in summary.iterrows()
        ),
        "",
        *_warning_lines(model.warnings_),
    ]
    return "\n".join(lines)


def comparison_report(comparison: MethodComparison) -> str:
    width = max(len(method) for method in comparison.results_)
    low, high = comparison.range_
    verdict = "they disagree: report the range" if comparison.disagree_ else "they agree"
    lines = [
        f"Lists:           {', '.join(comparison.lists_)}",
        f"Observed:        {comparison.observed_:,}",
        f"Methods:         {', '.join(comparison.results_)} ({verdict})",
        f"Range:           {low:,.0f} to {high:,.0f} (lowest to highest bound of any method)",
        "",
        *(
            f"  {method:<{width}}  {r.estimate:>9,.0f}  {r.interval.low:,.0f} to "
            f"{r.interval.high:,.0f} ({r.interval.method})"
            for method, r in comparison.results_.items()
        ),
        "",
        "Assumptions:",
        *(f"  {method}: {ASSUMPTIONS[method]}" for method in comparison.results_),
        "",
        *_warning_lines(
            [
                *comparison.warnings_,
                *(f"{m}: {w}" for m, r in comparison.results_.items() for w in r.warnings),
            ]
        ),
    ]
    return "\n".join(lines)


def _head(lists: Any, observed: int, method: str, key: str) -> list[str]:
    return [
        f"Lists:           {', '.join(lists)}",
        f"Observed:        {observed:,}",
        f"Method:          {method}",
        f"Assumes:         {ASSUMPTIONS[key]}",
    ]


def _warning_lines(warnings: list[str]) -> list[str]:
    if not warnings:
        return ["Warnings:        none"]
    return ["Warnings:", *(f"  - {warning}" for warning in warnings)]


def _log_linear_interval(estimator: MultipleSystemsEstimator, level: float) -> str:
    quick = estimator.normal_interval(level)
    quick_text = f"{quick.low:,.0f} to {quick.high:,.0f} (normal)"
    result = estimator.bootstrap_
    if result is None:
        return quick_text
    if result.interval.to_dict()["low"] is None:
        return f"none (BCa failed); {quick_text}"
    low_error, high_error = result.monte_carlo_error
    bca_text = (
        f"{result.interval.low:,.0f} (±{low_error:,.0f}) to {result.interval.high:,.0f} "
        f"(±{high_error:,.0f}) (BCa, {result.replicates.size:,} bootstrap replicates; ± is "
        "the Monte-Carlo error)"
    )
    return f"{bca_text}; {quick_text}"


def _candidate_lines(estimator: MultipleSystemsEstimator) -> list[str]:
    width = max((len(name) for name in estimator.candidate_p_values_), default=0)
    chosen = set(estimator.interactions_)
    return [
        f"  {name:<{width}}  {p_value:<9.3g}{'in the model' if name in chosen else ''}".rstrip()
        for name, p_value in estimator.candidate_p_values_.items()
    ]
