"""Do the estimators' 95 % intervals hold the true population? Coverage on simulated worlds.

Run with `.venv/bin/python bench/coverage.py [--worlds 100] [--linked 6] [--seed 1]`. Worlds come
from both generators (the project's `simulate_world`, the independent `simulate_independent_world`),
half each, with heterogeneous and dependent capture and populations drawn log-uniformly from 200 to
20,000. For each method it prints the share of intervals that hold the true N, the median relative
error of the estimate and the median relative width of the interval: first from the TRUE capture
histories, then, for a smaller subset of worlds, from histories LINKED by `link_records` (Splink),
so that linkage errors and estimation errors are never allowed to cancel out unseen.

Everything runs in this process (no worker pools). The latent-class sampler runs the library's
default chains (2 x (2,000 + 5,000) sweeps): issue 16 found that the 200 + 1,000 sweeps used before
left chains started near the observed count short of their posterior, which put intervals below N.
The bootstrap is cut to BOOTSTRAP_REPLICATES replicates (the library adds them up to 8,000 until
its Monte-Carlo error is small), which moves the log-linear bounds a little, not their centre.
"""

import argparse
import dataclasses
import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from palermo_analytics.estimation import (
    COUNT_COLUMN,
    MethodResult,
    MethodSettings,
    StratifiedEstimator,
    estimate_with,
    read_capture_histories,
)
from palermo_analytics.linkage._settings import LinkageSettings  # no Splink until linking
from palermo_analytics.simulate import WorldConfig, simulate_world
from palermo_analytics.simulate._capture import draw_captures
from palermo_analytics.simulate._corruptor_world import draw_independent_captures
from palermo_analytics.simulate._independent_config import IndependentWorldConfig
from palermo_analytics.simulate._independent_people import draw_people
from palermo_analytics.simulate._population import draw_population

LISTS = ["police", "ngo", "shelter", "hotline", "labour"]
BOOTSTRAP_REPLICATES = 100
SETTINGS = MethodSettings(replicates=BOOTSTRAP_REPLICATES)  # the library's latent-class chains
BASE = ("stepwise", "aic", "all-pairs", "heterogeneity", "latent-class", "bma")
STRATIFIED = "stratified (sex), latent-class"
# What `palermo estimate --method compare` reports: the lowest lower to the highest upper bound.
RANGES = {"range of stepwise and latent-class": ("stepwise", "latent-class"),
          "range of aic and latent-class": ("aic", "latent-class"),
          "range of all-pairs and latent-class": ("all-pairs", "latent-class"),
          "range of all-pairs and heterogeneity": ("all-pairs", "heterogeneity"),
          "range of heterogeneity and latent-class": ("heterogeneity", "latent-class"),
          "range of all-pairs, heterogeneity and latent-class":
              ("all-pairs", "heterogeneity", "latent-class"),
          "range of aic and bma": ("aic", "bma"),
          "range of bma and latent-class": ("bma", "latent-class"),
          "range of aic, bma and latent-class": ("aic", "bma", "latent-class")}  # fmt: skip
METHODS = (*BASE, STRATIFIED, *RANGES)
STRATUM = "sex"


@dataclass(frozen=True)
class Outcome:
    generator: str
    histories: str
    population: int
    observed: int
    method: str
    estimate: float
    low: float
    high: float

    @property
    def holds(self) -> bool:
        return self.low <= self.population <= self.high


def project_captures(population: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The project simulator's people and captures, without rendering records (the same draws)."""
    config = WorldConfig.for_lists(LISTS, population, seed)
    rng = np.random.default_rng(config.seed)
    persons = draw_population(config, rng)
    return persons, draw_captures(config, persons, rng)


def independent_captures(population: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The independent generator's people and captures, as simulate_independent_world draws them."""
    config = IndependentWorldConfig.for_lists(LISTS, population, seed)
    rng = np.random.default_rng([config.seed, 16])
    people = draw_people(config, rng)
    return people, draw_independent_captures(config, people, rng)


GENERATORS: dict[str, Callable[[int, int], tuple[pd.DataFrame, pd.DataFrame]]] = {
    "project": project_captures,
    "independent": independent_captures,
}


def histories_with_strata(captures: pd.DataFrame, strata: pd.Series) -> pd.DataFrame:
    """Capture histories by stratum: list columns, the stratum column, count."""
    seen = captures.any(axis=1)
    frame = captures[seen].astype(int).assign(**{STRATUM: strata[seen].to_numpy()})
    return frame.value_counts().rename(COUNT_COLUMN).reset_index()


def estimate_all(table: pd.DataFrame, seed: int) -> dict[str, tuple[float, float, float]]:
    """Every method on one table with strata: (estimate, low, high)."""
    settings = MethodSettings(**{**SETTINGS.__dict__, "seed": seed})
    pooled = table.drop(columns=STRATUM).groupby(LISTS, as_index=False)[COUNT_COLUMN].sum()
    histories = read_capture_histories(pooled)
    results: dict[str, MethodResult] = {
        method: estimate_with(method, histories, settings) for method in BASE
    }
    out = {m: (r.estimate, r.interval.low, r.interval.high) for m, r in results.items()}
    stratified = StratifiedEstimator([STRATUM], "latent-class", settings).fit(table)
    out[STRATIFIED] = (stratified.estimate_, stratified.interval_.low, stratified.interval_.high)
    for name, pair in RANGES.items():
        middle = float(np.median([out[m][0] for m in pair]))
        out[name] = (middle, min(out[m][1] for m in pair), max(out[m][2] for m in pair))
    return out


def linked_histories(
    generator: str, population: int, seed: int, settings: LinkageSettings
) -> pd.DataFrame:
    """Simulate the whole world, link its lists with Splink, and count the linked persons."""
    from palermo_analytics.linkage import link_records
    from palermo_analytics.simulate import simulate_independent_world

    if generator == "project":
        world = simulate_world(WorldConfig.for_lists(LISTS, population, seed))
    else:
        world = simulate_independent_world(population, seed, LISTS)
    frame = pd.concat([world.person_list(source) for source in world.sources], ignore_index=True)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for source in world.sources:
            path = Path(folder) / f"{source}.csv"
            world.person_list(source).to_csv(path, index=False)
            paths.append(path)
        result = link_records(paths, dataclasses.replace(settings, seed=seed))
    linked = result.linked.merge(
        frame[["record_id", "source", STRATUM]], on=["record_id", "source"]
    )
    on_list = pd.crosstab(linked["person_id"], linked["source"]).reindex(
        columns=LISTS, fill_value=0
    )
    sex = linked.groupby("person_id")[STRATUM].agg(_most_common)
    patterns = (on_list > 0).astype(int).assign(**{STRATUM: sex.reindex(on_list.index)})
    return patterns.value_counts().rename(COUNT_COLUMN).reset_index()


def _most_common(values: pd.Series) -> str:
    known = values[values.notna() & (values != "")]
    return str(known.mode().iloc[0]) if len(known) else "unknown"


def worlds(count: int, seed: int) -> list[tuple[str, int, int]]:
    """(generator, population, seed) for `count` worlds, populations log-uniform in 200-20,000."""
    rng = np.random.default_rng(seed)
    sizes = np.exp(rng.uniform(math.log(200), math.log(20_000), count)).round().astype(int)
    return [(list(GENERATORS)[i % 2], int(size), seed * 1000 + i) for i, size in enumerate(sizes)]


def kept_linked_histories(
    folder: Path | None, generator: str, population: int, seed: int, settings: LinkageSettings
) -> pd.DataFrame:
    """Linked histories, read from `folder` when this world was linked before with the same
    settings (linking is the slow part; the estimators can then be compared on the same links)."""
    if folder is None:
        return linked_histories(generator, population, seed, settings)
    guard = "guard" if settings.cohesion is not None else "no-guard"
    path = folder / f"{generator}-{population}-{seed}-{settings.threshold}-{guard}.csv"
    if path.exists():
        return pd.read_csv(path, dtype={STRATUM: str}, keep_default_na=False)
    table = linked_histories(generator, population, seed, settings)
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False)
    return table


def run(
    plan: list[tuple[str, int, int]],
    linked: bool,
    sink: Path | None,
    settings: LinkageSettings | None = None,
    keep: Path | None = None,
) -> list[Outcome]:
    """Estimate on every world of the plan; each world's outcomes are appended to `sink` at once."""
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    for number, (generator, population, world_seed) in enumerate(plan, start=1):
        if linked:
            table = kept_linked_histories(
                keep, generator, population, world_seed, settings or LinkageSettings()
            )
        else:
            persons, captures = GENERATORS[generator](population, world_seed)
            table = histories_with_strata(captures, persons[STRATUM].fillna("unknown"))
        observed = int(table[COUNT_COLUMN].sum())
        for method, (estimate, low, high) in estimate_all(table, world_seed).items():
            kind = "linked" if linked else "true"
            outcomes.append(
                Outcome(generator, kind, population, observed, method, estimate, low, high)
            )
        if sink is not None:
            frame = pd.DataFrame([o.__dict__ for o in outcomes[-len(METHODS) :]])
            frame.to_csv(sink, mode="a", header=not sink.exists(), index=False)
        elapsed = time.perf_counter() - started
        print(f"  {number}/{len(plan)} worlds ({elapsed:.0f} s)", end="\r", flush=True)
    print()
    return outcomes


def summarise(outcomes: list[Outcome]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "histories": o.histories,
                "generator": o.generator,
                "method": o.method,
                "holds": o.holds,
                "below": o.high < o.population,
                "relative_error": (o.estimate - o.population) / o.population,
                "relative_width": (o.high - o.low) / o.population,
            }
            for o in outcomes
        ]
    )
    rows = []
    for (histories, method), group in frame.groupby(["histories", "method"], sort=False):
        row = {"histories": histories, "method": method, "worlds": len(group)}
        for generator in GENERATORS:
            part = group[group["generator"] == generator]
            row[f"coverage_{generator}"] = part["holds"].mean()
        row["coverage"] = group["holds"].mean()
        row["below"] = group["below"].mean()
        row["median_error"] = group["relative_error"].median()
        row["median_abs_error"] = group["relative_error"].abs().median()
        row["median_width"] = group["relative_width"].median()
        rows.append(row)
    return pd.DataFrame(rows)


def markdown(table: pd.DataFrame) -> str:
    header = "| histories | method | worlds | 95 % interval holds N (project / independent / all) "
    header += "| wholly below N | median error | median abs. error | median width |"
    lines = [header, "|---|---|---|---|---|---|---|---|"]
    for row in table.itertuples(index=False):
        values = row._asdict()
        lines.append(
            f"| {values['histories']} | {values['method']} | {values['worlds']} | "
            f"{_share(values['coverage_project'])} / {_share(values['coverage_independent'])} / "
            f"**{values['coverage']:.0%}** | {values['below']:.0%} | "
            f"{values['median_error']:+.1%} | "
            f"{values['median_abs_error']:.1%} | {values['median_width']:.0%} of N |"
        )
    return "\n".join(lines)


def seen_shares(outcomes: list[Outcome]) -> str:
    """The median share of each generator's population that is on at least one list."""
    frame = pd.DataFrame([o.__dict__ for o in outcomes]).drop_duplicates(
        ["generator", "histories", "population", "observed"]
    )
    frame["seen"] = frame["observed"] / frame["population"]
    shares = frame.groupby(["histories", "generator"])["seen"].median()
    return "; ".join(f"{h}, {g}: {v:.0%}" for (h, g), v in shares.items())


def _share(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", type=int, default=100, help="worlds from true histories")
    parser.add_argument("--linked", type=int, default=4, help="worlds linked with Splink")
    parser.add_argument("--linked-max", type=int, default=3000, help="largest linked population")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-guard",
        action="store_true",
        help="link as before issue 16: threshold 0.7, plain transitive closure",
    )
    parser.add_argument("--csv", type=Path, help="append every world's outcome here as it ends")
    parser.add_argument(
        "--link-threshold", type=float, help="match probability to link at (default: the library's)"
    )
    parser.add_argument(
        "--keep-linked",
        type=Path,
        help="keep each world's linked histories in this folder and reuse them on the next run "
        "(use a new folder after changing the linkage)",
    )
    parser.add_argument("--summarise", type=Path, help="only print the table of a --csv file")
    options = parser.parse_args()
    if options.summarise:
        rows = pd.read_csv(options.summarise, dtype={"histories": str}).to_dict("records")
        print(markdown(summarise([Outcome(**row) for row in rows])))
        print("median share of the population seen:", seen_shares([Outcome(**r) for r in rows]))
        return
    print(
        f"{options.worlds} worlds from true histories, {options.linked} from linked histories "
        f"(populations up to {options.linked_max:,}); {SETTINGS.replicates} bootstrap replicates "
        f"(BCa, fewer than the default), latent-class {SETTINGS.chains} chains "
        f"x ({SETTINGS.burn_in} + {SETTINGS.iterations}) sweeps; one process"
    )
    outcomes = run(worlds(options.worlds, options.seed), linked=False, sink=options.csv)
    linked_plan = [
        (generator, min(size, options.linked_max), seed)
        for generator, size, seed in worlds(options.linked, options.seed + 1)
    ]
    if linked_plan:
        before = LinkageSettings(threshold=0.7, cohesion=None)
        settings = before if options.no_guard else LinkageSettings()
        if options.link_threshold is not None:
            settings = dataclasses.replace(settings, threshold=options.link_threshold)
        outcomes += run(
            linked_plan, linked=True, sink=options.csv, settings=settings, keep=options.keep_linked
        )
    table = summarise(outcomes)
    print(markdown(table))
    print("median share of the population seen:", seen_shares(outcomes))


if __name__ == "__main__":
    main()
