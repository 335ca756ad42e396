"""Campaigns and trainings recorded before they had references each get their own."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("coordination", "0003_alter_trainees_role")]
AFTER = [("coordination", "0004_campaign_training_reference")]


@pytest.mark.django_db(transaction=True)
def test_existing_campaigns_and_trainings_get_distinct_references(jurisdiction: object) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        agency = old.get_model("accounts", "Agency").objects.get(code="labour")
        day = datetime.date(2026, 5, 1)
        for title in ("one", "two"):
            old.get_model("coordination", "Campaign").objects.create(
                agency=agency, title=title, channel="radio", starts_on=day, ends_on=day
            )
            old.get_model("coordination", "Training").objects.create(
                agency=agency, course=title, starts_on=day, ends_on=day
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(AFTER).apps
    for model, prefix in (("Campaign", "CA-"), ("Training", "TR-")):
        references = list(
            new.get_model("coordination", model).objects.values_list("reference", flat=True)
        )
        assert len(set(references)) == 2
        assert all(reference.startswith(prefix) for reference in references)
