"""Reads are recorded in `PendingRead` without the chain's lock and folded into it later.

On PostgreSQL a trigger refuses UPDATE of a pending read (the fold deletes rows it has chained,
so DELETE stays allowed); its keyed hash catches edits that bypass the database account."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE FUNCTION audit_refuse_pending_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a pending audit read is never changed: UPDATE of % refused', OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_pending_read_append_only BEFORE UPDATE ON audit_pendingread
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_pending_update();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_pending_read_append_only ON audit_pendingread;
DROP FUNCTION IF EXISTS audit_refuse_pending_update();
"""


def create_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]

    operations = [
        migrations.CreateModel(
            name="PendingRead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField()),
                ("actor_id", models.BigIntegerField(null=True)),
                ("actor", models.CharField(blank=True, max_length=150)),
                ("agency", models.CharField(blank=True, max_length=40)),
                ("object_type", models.CharField(max_length=40)),
                ("object_ref", models.CharField(blank=True, max_length=64)),
                ("reason", models.TextField(blank=True)),
                ("changes", models.JSONField(blank=True, default=dict)),
                ("read_hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
