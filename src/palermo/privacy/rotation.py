"""Re-encrypt every personal field under a new key, without downtime and without loss.

Order matters: the new key joins the ring as primary while the old keys stay (so every process can
still read everything), then each row is rewritten, then a scan proves no value still needs an old
key, and only then are old keys retired.
"""

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Substr

from palermo.privacy.cipher import key_id_of
from palermo.privacy.fields import EncryptedTextField
from palermo.privacy.keys import Keyring, current_keyring, write_keyring

Progress = Callable[[str, int, int], None]


def encrypted_columns() -> list[tuple[type[models.Model], list[str]]]:
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def add_primary_key(path: Path) -> Keyring:
    ring = current_keyring()
    new_id = "k" + secrets.token_hex(4)
    keys = {**ring.encryption_keys, new_id: secrets.token_bytes(32)}
    rotated = Keyring(new_id, keys, ring.index_key)
    write_keyring(rotated, path)
    return rotated


def models_with_encrypted_binaries() -> list[type[models.Model]]:
    """Models whose binary content is sealed with a context of their own (e.g. documents)."""
    return [m for m in apps.get_models() if getattr(m, "encrypted_binary_field", None)]


# Enough of a sealed binary to hold its header, `v1:<key id>:`.
HEADER_BYTES = 64


def binary_key_ids(model: type[models.Model]) -> Iterator[tuple[int, str]]:
    """Each row's pk and the key its content is sealed under, read from the header alone:
    the database sends 64 bytes per document, not the document."""
    field = str(getattr(model, "encrypted_binary_field"))  # noqa: B009
    header = Substr(field, 1, HEADER_BYTES, output_field=models.BinaryField())
    rows = model._default_manager.order_by("pk").annotate(header=header)
    for pk, sealed in rows.values_list("pk", "header").iterator(chunk_size=500):
        yield pk, bytes(sealed).split(b":", 2)[1].decode()


def reencrypt_binaries(progress: Progress | None = None) -> int:
    """Re-seal every document not yet under the primary key, one at a time: memory holds one
    document, whatever their number and total size; a rotation run again after an interruption
    skips what it already did."""
    primary = current_keyring().primary
    rewritten = 0
    for model in models_with_encrypted_binaries():
        stale = [pk for pk, key_id in binary_key_ids(model) if key_id != primary]
        for done, pk in enumerate(stale, start=1):
            model._default_manager.get(pk=pk).reencrypt_content()  # type: ignore[attr-defined]
            rewritten += 1
            if progress:
                progress(model._meta.label, done, len(stale))
    return rewritten


def reencrypt_everything(progress: Progress | None = None, batch: int = 500) -> int:
    rewritten = reencrypt_binaries(progress)
    for model, names in encrypted_columns():
        ids = list(model._default_manager.values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                for row in model._default_manager.filter(pk__in=ids[start : start + batch]):
                    values = {name: getattr(row, name) for name in names}
                    model._default_manager.filter(pk=row.pk).update(**values)
                    rewritten += 1
            if progress:
                progress(model._meta.label, min(start + batch, len(ids)), len(ids))
    return rewritten


def retire_unused_keys(path: Path) -> list[str]:
    ring = current_keyring()
    in_use = raw_key_ids_in_use()
    retired = [key_id for key_id in ring.encryption_keys if key_id not in in_use | {ring.primary}]
    kept = {k: v for k, v in ring.encryption_keys.items() if k not in retired}
    write_keyring(Keyring(ring.primary, kept, ring.index_key), path)
    return retired


def raw_key_ids_in_use() -> set[str]:
    """Key ids read from the stored ciphertext itself (values_list would decrypt)."""
    from django.db import connection

    used: set[str] = set()
    with connection.cursor() as cursor:
        for model, names in encrypted_columns():
            columns = ", ".join(connection.ops.quote_name(_column(model, n)) for n in names)
            table = connection.ops.quote_name(model._meta.db_table)
            # Names come from the model definitions, never from input.
            cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608
            for row in cursor.fetchall():
                used |= {key_id_of(v) for v in row if v}
    for model in models_with_encrypted_binaries():
        used |= {key_id for _pk, key_id in binary_key_ids(model)}
    return used


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, EncryptedTextField)
    assert field.column
    return field.column
