from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.audit.checkpoints import checkpoint_file, write_checkpoint
from palermo.audit.models import AuditHead
from palermo.audit.verify import verify_chain


class Command(BaseCommand):
    help = (
        "Work with the audit trail: `palermo audit verify` checks the keyed hash chain and the "
        "signed checkpoints; `palermo audit checkpoint` appends a signed checkpoint of the tip "
        "(run it from cron and copy the file to another system)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint"])
        parser.add_argument(
            "--checkpoints",
            type=Path,
            help="checkpoint file to check against or write to (default: the configured one)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["checkpoints"] or checkpoint_file()
        if options["action"] == "checkpoint":
            self._checkpoint(path)
            return
        report = verify_chain(checkpoints=path)
        if not report.intact:
            raise CommandError(
                f"audit trail broken at entry {report.first_broken_sequence}: {report.problem} "
                f"({report.entries_checked} entries before it are intact)"
            )
        self.stdout.write(
            f"audit trail intact: {report.entries_checked} entries verified, "
            f"{report.checkpoints_checked} signed checkpoints match"
        )

    def _checkpoint(self, path: Path) -> None:
        report = verify_chain(checkpoints=path)
        if not report.intact:
            raise CommandError(f"not anchoring a broken chain: {report.problem}")
        head = AuditHead.objects.filter(pk=1).first()
        if head is None or head.sequence == 0:
            self.stdout.write("the audit trail is empty; nothing to anchor")
            return
        write_checkpoint(head.sequence, head.entry_hash, path)
        self.stdout.write(f"checkpoint written to {path} at entry {head.sequence}")
