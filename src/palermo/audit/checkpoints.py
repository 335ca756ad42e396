"""Signed checkpoints of the chain's tip, written outside the database.

Every PALERMO_AUDIT_CHECKPOINT_EVERY entries (and whenever `palermo audit checkpoint` runs, e.g.
from cron) one line `{"sequence", "entry_hash", "at", "signature"}` is appended to
PALERMO_AUDIT_CHECKPOINT_FILE (0600). `palermo audit verify` checks that every checkpoint still
matches the database, so deleting the newest entries and repointing the head row — which needs no
key — is detected back to the last checkpoint. Copy the file to another system (or point the
setting at a mount only this server can append to) so the database's owner cannot also edit it.
"""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from palermo.audit.keys import sign


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    entry_hash: str
    at: str
    signature: str

    def is_signed(self) -> bool:
        return self.signature == _signature(self.sequence, self.entry_hash, self.at)


def checkpoint_file() -> Path:
    return Path(settings.PALERMO_AUDIT_CHECKPOINT_FILE)


def write_checkpoint(sequence: int, entry_hash: str, path: Path | None = None) -> Checkpoint:
    """Append one signed line; the file is created private to its owner."""
    at = timezone.now().isoformat()
    point = Checkpoint(sequence, entry_hash, at, _signature(sequence, entry_hash, at))
    target = path or checkpoint_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a") as handle:
        handle.write(json.dumps(point.__dict__, sort_keys=True) + "\n")
    return point


def checkpoint_when_due(previous_sequence: int, sequence: int, entry_hash: str) -> None:
    """Called by every recording path after it moved the head from `previous_sequence`.

    The line is written once the transaction commits, so a rolled-back entry is never anchored."""
    every = settings.PALERMO_AUDIT_CHECKPOINT_EVERY
    if every and sequence // every > previous_sequence // every:
        transaction.on_commit(lambda: write_checkpoint(sequence, entry_hash))


def read_checkpoints(path: Path) -> Iterator[tuple[int, Checkpoint | None]]:
    """(line number, checkpoint) pairs; None for a line that is not a checkpoint at all."""
    with path.open() as handle:
        for number, line in enumerate(handle, start=1):
            try:
                raw = json.loads(line)
                yield (
                    number,
                    Checkpoint(
                        int(raw["sequence"]),
                        str(raw["entry_hash"]),
                        str(raw["at"]),
                        str(raw["signature"]),
                    ),
                )
            except (ValueError, KeyError, TypeError):
                yield number, None


def _signature(sequence: int, entry_hash: str, at: str) -> str:
    return sign("palermo-audit-checkpoint", f"{sequence}|{entry_hash}|{at}".encode())
