"""`palermo simulate`: a synthetic multi-agency world with known truth, written as person lists."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.analysis.progress import stage_progress_bar
from palermo_analytics.simulate import WorldConfig, simulate_world, write_world

DEFAULT_LISTS = "police,ngo,shelter,hotline,labour"


class Command(BaseCommand):
    help = (
        "Simulate a hidden population of victims and the agencies' lists that capture them, "
        "with realistic noise; write one person list per agency, the truth and the true N."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--population", type=int, default=1000, help="true number of victims")
        parser.add_argument(
            "--lists", default=DEFAULT_LISTS, help=f"agencies, comma-separated ({DEFAULT_LISTS})"
        )
        parser.add_argument("--seed", type=int, default=0, help="the same seed, the same world")
        parser.add_argument("--out", type=Path, required=True, help="folder to write into")

    def handle(self, *args: Any, **options: Any) -> None:
        names = [name.strip() for name in options["lists"].split(",") if name.strip()]
        try:
            config = WorldConfig.for_lists(names, options["population"], options["seed"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        with stage_progress_bar("simulate") as progress:
            world = simulate_world(config, progress)
        written = write_world(world, options["out"])
        summary = world.summary()
        self.stdout.write(
            f"{summary['records']:,} records on {len(names)} lists about "
            f"{summary['persons_on_any_list']:,} of {world.population:,} victims "
            f"(seed {config.seed})"
        )
        for path in written:
            self.stdout.write(f"  {path}")
