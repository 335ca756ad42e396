"""Rate-limit counts in their own table, counted with one upsert (UNLOGGED on PostgreSQL)."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def unlogged(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE core_ratecount SET UNLOGGED", params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_cache_table")]

    operations = [
        migrations.CreateModel(
            name="RateCount",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("count", models.IntegerField()),
                ("window_ends", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(unlogged, migrations.RunPython.noop),
    ]
