"""Indexes on the dates that place records in a reporting period.

Every figure filters its records by one date column and a year's range; without an index each
figure scans the whole table (1,000,000 victim cases in the benchmark). They live here, beside
the queries that need them, so the registry, justice and screening apps stay as they are; an
`IF NOT EXISTS` keeps them harmless if those apps declare the same indexes later.
"""

from django.db import migrations

DATE_COLUMNS = [
    ("registry_victimcase", "reflection_period_start"),
    ("registry_victimcase", "identified_on"),
    ("registry_victimcase", "opened_at"),
    ("registry_service", "started_on"),
    ("registry_stagetransition", "at"),
    ("justice_criminalcase", "reported_on"),
    ("justice_suspect", "arrested_on"),
    ("justice_charge", "filed_on"),
    ("justice_courtdecision", "decided_on"),
    ("justice_judicialauthorisation", "decided_at"),
    ("screening_screening", "completed_at"),
]


def _name(table: str, column: str) -> str:
    return f"reporting_{table}_{column}"[:63]


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("registry", "0002_document"),
        ("justice", "0003_courtdecision_assets_confiscated_suspect_is_official"),
        ("screening", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{_name(table, column)}" ON "{table}" ("{column}")',
            f'DROP INDEX IF EXISTS "{_name(table, column)}"',
        )
        for table, column in DATE_COLUMNS
    ]
