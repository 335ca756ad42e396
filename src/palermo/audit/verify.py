"""Walk the chain and report the first entry whose hash or link does not hold."""

from dataclasses import dataclass

from palermo.audit.models import GENESIS, AuditEntry, AuditHead


@dataclass(frozen=True)
class ChainReport:
    entries_checked: int
    first_broken_sequence: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.first_broken_sequence is None


def verify_chain(batch_size: int = 2000) -> ChainReport:
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
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.sequence != checked or head.entry_hash != previous_hash):
        return ChainReport(checked, checked + 1, "entries after this point were removed")
    return ChainReport(checked, None, "")


def _problem_with(entry: AuditEntry, previous_hash: str, expected_sequence: int) -> str:
    if entry.sequence != expected_sequence:
        return f"entry {expected_sequence} is missing"
    if entry.previous_hash != previous_hash:
        return "the link to the previous entry does not match"
    if entry.computed_hash() != entry.entry_hash:
        return "the entry's content was changed after it was written"
    return ""
