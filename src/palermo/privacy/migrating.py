"""A data migration step: encrypt the rows of a field that used to be stored in clear.

Used right after the AlterField that turns a TextField into an EncryptedTextField. It reads and
writes the column with plain SQL (the historical model would try to decrypt plaintext), skips
values that already decrypt (so running it twice is harmless), and needs the keyring only when
there are rows to encrypt.
"""

from collections.abc import Callable

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from palermo.privacy import cipher

Step = Callable[[StateApps, BaseDatabaseSchemaEditor], None]


def encrypt_existing(app_label: str, model_name: str, *field_names: str) -> migrations.RunPython:
    def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        model = apps.get_model(app_label, model_name)
        quote = schema_editor.connection.ops.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        for name in field_names:
            column = quote(model._meta.get_field(name).column)
            context = f"{app_label}.{model_name.lower()}.{name}"
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                rows = cursor.fetchall()
                for key, value in rows:
                    if _already_encrypted(value, context):
                        continue
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                        [cipher.encrypt(value, context), key],
                    )

    return migrations.RunPython(forward, migrations.RunPython.noop)


def _already_encrypted(value: str, context: str) -> bool:
    if not value.startswith(cipher.PREFIX + ":"):
        return False
    try:
        cipher.decrypt(value, context)
    except cipher.DecryptionError:
        return False
    return True
