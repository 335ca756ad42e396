from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.jurisdiction.packs import PackError, load_pack


class Command(BaseCommand):
    help = "Load a jurisdiction pack (built-in: generic, macao; or a YAML file) and activate it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("pack", help="generic, macao, or the path of a pack YAML file")
        parser.add_argument("--no-activate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            jurisdiction = load_pack(options["pack"], activate=not options["no_activate"])
        except PackError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"loaded {jurisdiction.name}: {jurisdiction.provisions.count()} provisions, "
            f"{jurisdiction.agencies.count()} agencies"
        )
