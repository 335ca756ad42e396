"""Re-chain existing entries under the audit key (HMAC), after checking the old, unkeyed chain.

A fresh database has no entries, so it needs no key here. An existing one is first verified with
the old SHA-256 chain: a chain that is already broken is not blessed with the key.
"""

import hashlib
import json
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

GENESIS = "0" * 64
FIELDS = [
    "sequence", "at", "actor_id", "actor", "agency", "action", "object_type", "object_ref",
    "reason", "changes", "previous_hash",
]


def _content(entry: Any) -> dict[str, Any]:
    content = {name: getattr(entry, name) for name in FIELDS}
    content["at"] = entry.at.isoformat()
    return content


def _canonical(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def rechain(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from palermo.audit.models import keyed_hash

    Entry = apps.get_model("audit", "AuditEntry")
    Head = apps.get_model("audit", "AuditHead")
    entries = list(Entry.objects.order_by("sequence"))
    if not entries:
        return
    previous = GENESIS
    for entry in entries:
        if entry.previous_hash != previous or (
            hashlib.sha256(_canonical(_content(entry))).hexdigest() != entry.entry_hash
        ):
            raise RuntimeError(
                f"audit entry {entry.sequence} does not verify under the old chain; "
                "investigate before keying the chain"
            )
        previous = entry.entry_hash
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
    previous = GENESIS
    for entry in entries:
        entry.previous_hash = previous
        entry.entry_hash = keyed_hash(_content(entry))
        Entry.objects.filter(pk=entry.pk).update(
            previous_hash=entry.previous_hash, entry_hash=entry.entry_hash
        )
        previous = entry.entry_hash
    Head.objects.filter(pk=1).update(entry_hash=previous)
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_on_postgresql")]

    operations = [migrations.RunPython(rechain, migrations.RunPython.noop)]
