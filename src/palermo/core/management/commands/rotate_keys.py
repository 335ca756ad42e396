from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from palermo.audit.log import record_event
from palermo.audit.models import AuditEntry
from palermo.privacy.rotation import (
    add_primary_key,
    raw_key_ids_in_use,
    reencrypt_everything,
    retire_unused_keys,
)


class Command(BaseCommand):
    help = "Encrypt all personal data under a new key; retire old keys once nothing uses them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--keep-old", action="store_true", help="don't retire old keys")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PALERMO_DATA_KEYS:
            raise CommandError(
                "keys come from PALERMO_DATA_KEYS: rotate them where that variable is managed, "
                "or use a key file (PALERMO_DATA_KEY_FILE)"
            )
        path = Path(settings.PALERMO_DATA_KEY_FILE)
        unfinished = unfinished_rotation()
        if unfinished:
            self.stdout.write(f"a rotation to key {unfinished} was interrupted; finishing it")
        ring = add_primary_key(path)
        # Recorded before any row is rewritten: a rotation cut short (a crash, kill -9) leaves
        # this trace, and the next run says so and finishes the work.
        record_event(None, "rotate_keys_started", "keyring", ring.primary)
        self.stdout.write(f"new primary key {ring.primary}; re-encrypting…")
        bar = tqdm(unit="rows", disable=None)
        count = reencrypt_everything(lambda stage, done, total: _show(bar, stage, done, total))
        bar.close()
        leftover = raw_key_ids_in_use() - {ring.primary}
        if leftover and not options["keep_old"]:
            # A process that had not yet seen the new key wrote in the meantime: go once more.
            count += reencrypt_everything()
        retired = [] if options["keep_old"] else retire_unused_keys(path)
        record_event(None, "rotate_keys", "keyring", ring.primary, changes={"rows": count})
        self.stdout.write(
            f"re-encrypted {count} rows; retired keys: {', '.join(retired) or 'none'}"
        )


def _show(bar: Any, stage: str, done: int, total: int) -> None:
    bar.set_description(stage)
    bar.total = total
    bar.n = done
    bar.refresh()


def unfinished_rotation() -> str:
    """The key of the last rotation that started and never recorded its end, if any."""
    last = (
        AuditEntry.objects.filter(action__in=["rotate_keys_started", "rotate_keys"])
        .order_by("-sequence")
        .first()
    )
    return last.object_ref if last and last.action == "rotate_keys_started" else ""
