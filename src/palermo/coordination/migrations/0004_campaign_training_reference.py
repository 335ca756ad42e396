"""Campaigns and trainings get a reference, so the annual report can drill down to them.

Existing rows each get their own reference (a column default would give them all the same one)
before the column becomes unique.
"""

from typing import Any

from django.db import migrations, models

import palermo.coordination.models.prevention
from palermo.references import new_reference


def fill_references(apps: Any, _schema_editor: Any) -> None:
    for model, prefix in (("Campaign", "CA"), ("Training", "TR")):
        found = apps.get_model("coordination", model)
        for record in found.objects.filter(reference__isnull=True).only("pk"):
            record.reference = new_reference(prefix)
            record.save(update_fields=["reference"])


class Migration(migrations.Migration):
    dependencies = [("coordination", "0003_alter_trainees_role")]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="reference",
            field=models.CharField(max_length=20, null=True, editable=False),
        ),
        migrations.AddField(
            model_name="training",
            name="reference",
            field=models.CharField(max_length=20, null=True, editable=False),
        ),
        migrations.RunPython(fill_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="campaign",
            name="reference",
            field=models.CharField(
                default=palermo.coordination.models.prevention.new_campaign_reference,
                editable=False,
                max_length=20,
                unique=True,
                verbose_name="reference",
            ),
        ),
        migrations.AlterField(
            model_name="training",
            name="reference",
            field=models.CharField(
                default=palermo.coordination.models.prevention.new_training_reference,
                editable=False,
                max_length=20,
                unique=True,
                verbose_name="reference",
            ),
        ),
    ]
