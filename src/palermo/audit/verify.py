"""Walk the chain and report the first entry whose hash or link does not hold, then check that
every signed checkpoint written outside the database still matches it."""

from dataclasses import dataclass
from pathlib import Path

from palermo.audit.checkpoints import checkpoint_file, read_checkpoints
from palermo.audit.models import GENESIS, AuditEntry, AuditHead
from palermo.audit.reads import fold_pending_reads, tampered_pending_read


@dataclass(frozen=True)
class ChainReport:
    entries_checked: int
    first_broken_sequence: int | None
    problem: str
    checkpoints_checked: int = 0

    @property
    def intact(self) -> bool:
        return self.first_broken_sequence is None


def verify_chain(batch_size: int = 2000, checkpoints: Path | None = None) -> ChainReport:
    """Fold the pending reads into the chain first, so the walk covers them too."""
    fold_pending_reads()
    previous_hash, expected_sequence, checked = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=batch_size):
        problem = _problem_with(entry, previous_hash, expected_sequence)
        if problem:
            return ChainReport(checked, entry.sequence, problem)
        previous_hash, expected_sequence, checked = (
            entry.entry_hash,
            entry.sequence + 1,
            checked + 1,
        )
    tampered = tampered_pending_read()
    if tampered is not None:
        return ChainReport(
            checked, 0, f"a read not yet chained (pending read {tampered.pk}) was changed"
        )
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.sequence != checked or head.entry_hash != previous_hash):
        return ChainReport(checked, checked + 1, "entries after this point were removed")
    return _against_checkpoints(checked, checkpoints or checkpoint_file())


def _problem_with(entry: AuditEntry, previous_hash: str, expected_sequence: int) -> str:
    if entry.sequence != expected_sequence:
        return f"entry {expected_sequence} is missing"
    if entry.previous_hash != previous_hash:
        return "the link to the previous entry does not match"
    if entry.computed_hash() != entry.entry_hash:
        return "the entry's content was changed after it was written"
    return ""


def _against_checkpoints(checked: int, path: Path) -> ChainReport:
    if not path.exists():
        return ChainReport(checked, None, "")
    hashes: dict[int, str] = {}
    points = list(read_checkpoints(path))
    wanted = [point.sequence for _, point in points if point is not None]
    for sequence, entry_hash in AuditEntry.objects.filter(sequence__in=wanted).values_list(
        "sequence", "entry_hash"
    ):
        hashes[sequence] = entry_hash
    for number, point in points:
        if point is None or not point.is_signed():
            return ChainReport(
                checked, 0, f"{path}, line {number}: not a checkpoint signed with the audit key"
            )
        if point.sequence > checked:
            return ChainReport(
                checked,
                checked + 1,
                f"entries up to {point.sequence} were removed ({path}, line {number})",
            )
        if hashes.get(point.sequence) != point.entry_hash:
            return ChainReport(
                checked,
                point.sequence,
                f"the chain was rewritten up to this entry ({path}, line {number})",
            )
    return ChainReport(checked, None, "", checkpoints_checked=len(points))
