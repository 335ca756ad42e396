"""`palermo simulate`: a synthetic multi-agency world with known truth, written as person lists."""

import argparse
from collections.abc import Sequence
from pathlib import Path

from palermo_analytics.cli import CommandFailed

DEFAULT_LISTS = "police,ngo,shelter,hotline,labour"


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="palermo simulate",
        description=(
            "Simulate a hidden population of victims and the agencies' lists that capture them, "
            "with realistic noise; write one person list per agency, the truth and the true N."
        ),
    )
    parser.add_argument("--population", type=int, default=1000, help="true number of victims")
    parser.add_argument(
        "--lists", default=DEFAULT_LISTS, help=f"agencies, comma-separated ({DEFAULT_LISTS})"
    )
    parser.add_argument("--seed", type=int, default=0, help="the same seed, the same world")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    return parser


def main(argv: Sequence[str]) -> None:
    options = parser().parse_args(argv)
    from palermo_analytics.progress import stage_progress_bar
    from palermo_analytics.simulate import WorldConfig, simulate_world, write_world

    names = [name.strip() for name in options.lists.split(",") if name.strip()]
    try:
        config = WorldConfig.for_lists(names, options.population, options.seed)
    except ValueError as error:
        raise CommandFailed(str(error)) from None
    with stage_progress_bar("simulate") as progress:
        world = simulate_world(config, progress)
    written = write_world(world, options.out)
    summary = world.summary()
    print(
        f"{summary['records']:,} records on {len(names)} lists about "
        f"{summary['persons_on_any_list']:,} of {world.population:,} victims "
        f"(seed {config.seed})"
    )
    for path in written:
        print(f"  {path}")
