from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Work with the audit trail: `palermo audit verify` checks the hash chain."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"audit trail broken at entry {report.first_broken_sequence}: {report.problem} "
                f"({report.entries_checked} entries before it are intact)"
            )
        self.stdout.write(f"audit trail intact: {report.entries_checked} entries verified")
