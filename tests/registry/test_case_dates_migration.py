"""Cases on record before the list had "days in stage" and "last activity" take them from their
last move, or else from their opening."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from palermo.accounts.models import User

BEFORE = [("registry", "0011_person_identity_and_name_token_keys")]
AFTER = [("registry", "0012_case_list_columns")]


@pytest.mark.django_db(transaction=True)
def test_existing_cases_are_dated_from_their_last_move(jurisdiction: object) -> None:
    opened = timezone.now() - datetime.timedelta(days=40)
    moved = timezone.now() - datetime.timedelta(days=12)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        agency = old.get_model("accounts", "Agency").objects.get(code="welfare")
        # The accounts tables stay at their latest migration: the user is made with today's model.
        user = User.objects.create_user(username="w", agency_id=agency.pk)
        Person = old.get_model("registry", "Person")
        VictimCase = old.get_model("registry", "VictimCase")
        cases = [
            VictimCase.objects.create(
                reference=f"VC-OLD-{n}",
                person=Person.objects.create(reference=f"P-OLD-{n}", recorded_by_agency=agency),
                owning_agency=agency,
                opened_at=opened,
                stage="screening" if n else "referred",
            )
            for n in range(2)
        ]
        old.get_model("registry", "StageTransition").objects.create(
            case=cases[1], from_stage="referred", to_stage="screening", by_id=user.pk, at=moved
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(AFTER).apps
    dates = dict(
        new.get_model("registry", "VictimCase")
        .objects.filter(reference__startswith="VC-OLD-")
        .values_list("reference", "stage_since")
    )
    assert dates == {"VC-OLD-0": opened, "VC-OLD-1": moved}
