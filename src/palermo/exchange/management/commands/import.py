"""`palermo import ctdc FILE.csv`: a partner's CTDC release, loaded as a reference dataset."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.exchange.imports import import_ctdc
from palermo.exchange.management.commands._common import acting_user, add_actor_argument
from palermo_analytics.disclosure import CtdcFileError


class Command(BaseCommand):
    help = (
        "Load a CTDC-format release (the Global Dataset, its synthetic datasets) as a reference "
        "dataset, kept apart from the registry's victims. Every problem is reported with its line "
        "and column, and nothing is loaded unless the whole file is valid."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        ctdc = kinds.add_parser("ctdc", help="a CTDC-format CSV file")
        ctdc.add_argument("file", type=Path)
        ctdc.add_argument("--name", default="", help="what to call it (default: the file name)")
        add_actor_argument(ctdc)

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options)
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            dataset = import_ctdc(user, path, options["name"])
        except CtdcFileError as error:
            raise CommandError(str(error)) from None
        ignored = ", ".join(dataset.ignored_columns) or "none"
        self.stdout.write(
            f"loaded {dataset.row_count:,} rows of {path.name} as reference dataset "
            f"“{dataset.name}” ({len(dataset.columns)} CTDC columns; ignored: {ignored})"
        )
