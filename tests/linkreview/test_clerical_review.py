"""Clerical review: uncertain pairs uploaded, shown side by side to linkage reviewers only,
decided, audited, and applied the next time the lists are linked."""

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.linkreview.models import LinkDecision, ReviewBatch, ReviewPair
from palermo_analytics.linkage import LinkageSettings, apply_decisions, read_decisions
from palermo_analytics.linkage._result import LinkageResult

PAIRS_CSV = (
    "source_l,record_id_l,source_r,record_id_r,match_weight,match_probability,"
    "full_name_l,given_name_l,family_name_l,date_of_birth_l,age_l,sex_l,nationality_l,"
    "document_number_l,phone_l,full_name_r,given_name_r,family_name_r,date_of_birth_r,age_r,"
    "sex_r,nationality_r,document_number_r,phone_r,decision\n"
    "police,POL-1,ngo,NGO-7,3.1,0.896,Chan Siu Ming,,,1990-04-02,,M,MO,,,"
    "Chen Xiaoming,,,,34,M,CN,,,\n"
    "police,POL-2,shelter,SHE-3,2.0,0.8,,Olena,Shevchenko,,,F,UA,,,,Elena,Shevchenko,,,F,,,,\n"
)


def upload(client: Client, text: str = PAIRS_CSV, title: str = "Run 2024-06") -> Any:
    csv_file = SimpleUploadedFile("uncertain_pairs.csv", text.encode(), "text/csv")
    return client.post("/linkage-review/", {"title": title, "threshold": "0.9", "pairs": csv_file})


@pytest.fixture
def reviewer(make_user: Callable[..., User], client: Client) -> User:
    user = make_user("reviewer", "secretariat", Role.LINKAGE_REVIEWER)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.LINKAGE_REVIEWER])
def test_only_linkage_reviewers_reach_the_review(
    role: str, make_user: Callable[..., User], client: Client
) -> None:
    owner = make_user("owner", "secretariat", Role.LINKAGE_REVIEWER)
    client.force_login(owner)
    upload(client)
    batch = ReviewBatch.objects.get()
    client.force_login(make_user("someone", "police", role))

    assert client.get("/linkage-review/").status_code == 404
    assert client.get(f"/linkage-review/{batch.pk}/").status_code == 404
    assert client.get("/linkage-review/decisions.csv").status_code == 404
    pair = ReviewPair.objects.first()
    assert (
        client.post(f"/linkage-review/pairs/{pair.pk}/decide/", {"decision": "same"}).status_code
        == 404
    )
    assert not LinkDecision.objects.exists()


def test_an_upload_stores_both_records_encrypted_and_shows_them_side_by_side(
    reviewer: User, client: Client
) -> None:
    response = upload(client)
    batch = ReviewBatch.objects.get()
    assert response["Location"] == f"/linkage-review/{batch.pk}/"

    page = client.get(f"/linkage-review/{batch.pk}/").content.decode()

    assert "Chan Siu Ming" in page
    assert "Chen Xiaoming" in page
    assert page.index("POL-1") < page.index("POL-2")  # nearest the threshold first
    with connection.cursor() as cursor:
        cursor.execute("select record_l, record_r from linkreview_reviewpair")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "Chan" not in stored
    assert "Shevchenko" not in stored
    fold_pending_reads()  # reads reach the chain at the next fold
    read = AuditEntry.objects.get(action="read", object_type="linkage_review_batch")
    assert read.object_ref == str(batch.pk)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source_l,record_id_l\npolice,1\n", "missing column(s) source_r"),
        (PAIRS_CSV.replace("0.896", "high"), "row 2, column &#x27;match_probability&#x27;"),
        (
            PAIRS_CSV.replace("police,POL-2", "police,"),
            "row 3, column &#x27;record_id_l&#x27;: empty",
        ),
        (PAIRS_CSV.splitlines()[0] + "\n", "no pairs in the file"),
    ],
)
def test_a_bad_file_is_refused_with_its_row_and_column_and_stores_nothing(
    text: str, message: str, reviewer: User, client: Client
) -> None:
    response = upload(client, text)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReviewBatch.objects.exists()
    assert not ReviewPair.objects.exists()


def test_a_decision_is_remembered_audited_and_shown_in_the_next_batch(
    reviewer: User, client: Client
) -> None:
    upload(client)
    pair = ReviewPair.objects.get(record_id_l="POL-1")

    response = client.post(
        f"/linkage-review/pairs/{pair.pk}/decide/", {"decision": "same", "page": "1"}
    )

    assert response.status_code == 302
    decision = LinkDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("same", reviewer)
    entry = AuditEntry.objects.get(action="decide")
    assert entry.changes == {"decision": "same"}
    # The next run's batch holds the same pair, written the other way round.
    swapped = PAIRS_CSV.replace("police,POL-1,ngo,NGO-7", "ngo,NGO-7,police,POL-1")
    upload(client, swapped, title="Run 2024-12")
    later = ReviewBatch.objects.get(title="Run 2024-12")
    assert "same person" in client.get(f"/linkage-review/{later.pk}/").content.decode()


def test_the_decisions_file_is_what_the_next_linkage_applies(
    reviewer: User, client: Client
) -> None:
    upload(client)
    for record, decision in (("POL-1", "same"), ("POL-2", "different")):
        pair = ReviewPair.objects.get(record_id_l=record)
        client.post(f"/linkage-review/pairs/{pair.pk}/decide/", {"decision": decision})

    response = client.get("/linkage-review/decisions.csv")

    decisions = read_decisions(pd.read_csv(io.BytesIO(response.content), dtype=str))
    assert len(decisions) == 2
    assert AuditEntry.objects.filter(action="export", object_type="linkage_decisions").exists()
    result = _linkage_that_joined_the_wrong_pair_and_missed_the_right_one()
    relinked = apply_decisions(result, decisions).linked.set_index("record_id")["person_id"]
    assert relinked["POL-1"] == relinked["NGO-7"]
    assert relinked["POL-2"] != relinked["SHE-3"]


def _linkage_that_joined_the_wrong_pair_and_missed_the_right_one() -> LinkageResult:
    linked = pd.DataFrame(
        {
            "record_id": ["POL-1", "NGO-7", "POL-2", "SHE-3"],
            "source": ["police", "ngo", "police", "shelter"],
            "person_id": ["A", "B", "C", "C"],
        }
    )
    pairs = pd.DataFrame(
        {
            "source_l": ["police", "police"], "record_id_l": ["POL-1", "POL-2"],
            "source_r": ["ngo", "shelter"], "record_id_r": ["NGO-7", "SHE-3"],
            "match_weight": [3.0, 5.0], "match_probability": [0.89, 0.97],
        }
    )  # fmt: skip
    return LinkageResult(
        linked, pairs, pd.DataFrame(), {}, LinkageSettings(threshold=0.9), compared_pairs=2
    )
