"""Own agency / secretariat / outsider for every page and operation of the committee's work.

200 (or a redirect after a write) where allowed; 404 where the record must not be known to exist.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.coordination.models import Measure, Meeting, Tip
from palermo.coordination.periods import quarter_of
from tests.cast import Committee

pytestmark = pytest.mark.django_db

Url = Callable[[dict[str, Any]], str]

# (page, how to build its address, users that get 200; everyone else in the committee gets 404)
COMMITTEE = {"secretariat", "labour", "labour_colleague", "police", "hotline", "outsider"}
PAGES: list[tuple[str, Url, set[str]]] = [
    ("plan", lambda w: reverse("coordination:plan"), COMMITTEE),
    ("measure_new", lambda w: reverse("coordination:measure_new"), {"secretariat"}),
    (
        "measure_detail",
        lambda w: reverse("coordination:measure_detail", args=[w["measure"].reference]),
        {"secretariat", "labour", "labour_colleague", "police"},
    ),
    (
        "measure_edit",
        lambda w: reverse("coordination:measure_edit", args=[w["measure"].reference]),
        {"secretariat"},
    ),
    ("plan_report", lambda w: reverse("coordination:plan_report"), COMMITTEE),
    ("meeting_list", lambda w: reverse("coordination:meeting_list"), COMMITTEE),
    ("meeting_new", lambda w: reverse("coordination:meeting_new"), COMMITTEE),
    (
        "meeting_detail",
        lambda w: reverse("coordination:meeting_detail", args=[w["meeting"].reference]),
        {"secretariat", "labour", "labour_colleague", "police"},
    ),
    (
        "meeting_edit",
        lambda w: reverse("coordination:meeting_edit", args=[w["meeting"].reference]),
        {"secretariat"},
    ),
    ("campaign_list", lambda w: reverse("coordination:campaign_list"), COMMITTEE),
    (
        "campaign_edit",
        lambda w: reverse("coordination:campaign_edit", args=[w["campaign"].pk]),
        {"labour", "labour_colleague"},
    ),
    ("training_list", lambda w: reverse("coordination:training_list"), COMMITTEE),
    (
        "training_detail",
        lambda w: reverse("coordination:training_detail", args=[w["training"].pk]),
        {"secretariat", "labour", "labour_colleague"},
    ),
    ("inspection_list", lambda w: reverse("coordination:inspection_list"), COMMITTEE),
    (
        "inspection_detail",
        lambda w: reverse("coordination:inspection_detail", args=[w["inspection"].reference]),
        {"secretariat", "labour", "labour_colleague"},
    ),
    (
        "inspection_edit",
        lambda w: reverse("coordination:inspection_edit", args=[w["inspection"].reference]),
        {"labour", "labour_colleague"},
    ),
    ("coverage", lambda w: reverse("coordination:coverage"), COMMITTEE),
    (
        "tip_queue",
        lambda w: reverse("coordination:tip_queue"),
        {"labour", "labour_colleague", "police", "hotline", "outsider"},
    ),
    ("hotline_tip", lambda w: reverse("coordination:hotline_tip"), {"police", "hotline"}),
    (
        "tip_detail",
        lambda w: reverse("coordination:tip_detail", args=[w["tip"].reference]),
        {"police", "hotline"},
    ),
]

# (operation, address, form data, users whose POST succeeds with a redirect; others get 404)
OPERATIONS: list[tuple[str, Url, dict[str, str], set[str]]] = [
    (
        "indicator_add",
        lambda w: reverse("coordination:indicator_add", args=[w["measure"].reference]),
        {"indicator-name": "Leaflets", "indicator-target": "10", "indicator-baseline": "0"},
        {"secretariat"},
    ),
    (
        "target_set",
        lambda w: reverse("coordination:target_set", args=[w["measure"].reference]),
        {"target-indicator": "__indicator__", "target-period": "2026q3", "target-target": "8"},
        {"secretariat"},
    ),
    (
        "progress_add",
        lambda w: reverse("coordination:progress_add", args=[w["measure"].reference]),
        {
            "progress-period": "__current__",
            "progress-status": "on_track",
            "progress-narrative": "x",
        },
        {"labour", "labour_colleague"},
    ),
    (
        "action_item_done",
        lambda w: reverse(
            "coordination:action_item_done", args=[w["meeting"].action_items.get().pk]
        ),
        {},
        {"labour", "labour_colleague", "secretariat"},
    ),
    (
        "tip_forward",
        lambda w: reverse("coordination:tip_act", args=[w["tip"].reference, "forward"]),
        {"forward-agency": "__labour__"},
        {"police", "hotline"},
    ),
    (
        "tip_assess",
        lambda w: reverse("coordination:tip_act", args=[w["tip"].reference, "assess"]),
        {"note": "Credible."},
        {"police", "hotline"},
    ),
    (
        "inspection_screen",
        lambda w: reverse("coordination:inspection_screen", args=[w["inspection"].reference]),
        {"indicator_list": "adult_labour"},
        {"labour", "labour_colleague"},
    ),
]


@pytest.fixture
def world(
    committee: Committee, measure: Measure, meeting: Meeting, prevention: dict[str, Any], tip: Tip
) -> dict[str, Any]:
    return {"measure": measure, "meeting": meeting, "tip": tip, **prevention}


@pytest.mark.parametrize(("page", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_pages(
    page: str,
    url: Url,
    allowed: set[str],
    world: dict[str, Any],
    clients: dict[str, Client],
) -> None:
    address = url(world)
    for who, client in clients.items():
        expected = 200 if who in allowed else 404
        assert client.get(address).status_code == expected, (page, who)


@pytest.mark.parametrize(
    ("operation", "url", "data", "allowed"), OPERATIONS, ids=[o[0] for o in OPERATIONS]
)
def test_operations(
    operation: str,
    url: Url,
    data: dict[str, str],
    allowed: set[str],
    world: dict[str, Any],
    committee: Committee,
    clients: dict[str, Client],
) -> None:
    filled = {
        k: {
            "__current__": quarter_of(timezone.localdate()).code,
            "__labour__": str(committee.labour.agency_id),
            "__indicator__": str(world["measure"].indicators.first().pk),
        }.get(v, v)
        for k, v in data.items()
    }
    address = url(world)
    refused = [who for who in clients if who not in allowed]
    for who in refused:
        assert clients[who].post(address, filled).status_code == 404, (operation, who)
    who = sorted(allowed)[0]
    before = AuditEntry.objects.count()
    response = clients[who].post(address, filled)
    assert response.status_code == 302, (operation, who, response.content[:2000])
    assert AuditEntry.objects.count() > before  # every change audited


def test_outsider_sees_no_measure_in_the_overview(
    world: dict[str, Any], clients: dict[str, Client]
) -> None:
    objective = world["measure"].objective
    assert objective not in clients["outsider"].get(reverse("coordination:plan")).content.decode()
    assert objective in clients["secretariat"].get(reverse("coordination:plan")).content.decode()
    assert objective in clients["police"].get(reverse("coordination:plan")).content.decode()


def test_reading_a_meeting_or_a_tip_is_audited(
    world: dict[str, Any], clients: dict[str, Client]
) -> None:
    clients["labour"].get(reverse("coordination:meeting_detail", args=[world["meeting"].reference]))
    clients["hotline"].get(reverse("coordination:tip_detail", args=[world["tip"].reference]))
    fold_pending_reads()  # reads reach the chain at the next fold
    reads = AuditEntry.objects.filter(action="read")
    assert reads.filter(object_type="meeting", object_ref=world["meeting"].reference).exists()
    assert reads.filter(object_type="tip", object_ref=world["tip"].reference).exists()
