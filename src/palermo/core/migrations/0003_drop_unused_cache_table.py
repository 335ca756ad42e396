"""The rate limits count in `core_ratecount` (0002); the database cache table they used before
holds nothing anyone reads, so it goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0002_rate_counts")]

    operations = [migrations.RunSQL("DROP TABLE IF EXISTS palermo_cache", migrations.RunSQL.noop)]
