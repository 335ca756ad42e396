"""The committee's records (a measure, a meeting, prevention work, a tip) on top of the cast's
committee people (tests/cast.py: `committee`), and a logged-in client for each of them."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.coordination.models import (
    ActionItem,
    Campaign,
    Indicator,
    Inspection,
    Measure,
    Meeting,
    Tip,
    Trainees,
    Training,
)
from tests.cast import Committee


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients(committee: Committee) -> dict[str, Client]:
    return {name: client_for(user) for name, user in committee.by_name().items()}


@pytest.fixture
def measure(committee: Committee) -> Measure:
    labour = committee.labour.agency
    today = timezone.localdate()
    found = Measure.objects.create(
        code="1.1",
        pillar="prevention",
        objective="Screen migrant domestic workers proactively",
        lead_agency=labour,
        starts_on=today - timedelta(days=200),
        deadline=today + timedelta(days=200),
        budget_allocated=Decimal(50000),
    )
    found.partners.add(committee.police.agency)
    Indicator.objects.create(
        measure=found, name="Domestic workers screened", target=40, figure="screened:domestic_work"
    )
    Indicator.objects.create(measure=found, name="Employers briefed", target=100)
    return found


@pytest.fixture
def meeting(committee: Committee, measure: Measure) -> Meeting:
    found = Meeting.objects.create(
        kind="committee",
        title="Quarterly committee meeting",
        held_on=date(2026, 9, 15),
        agenda="1. Plan progress",
        minutes="Discussed the case of a worker (synthetic).",
        recorded_by=committee.secretariat.agency,
    )
    found.agencies_present.add(committee.labour.agency, committee.police.agency)
    ActionItem.objects.create(
        meeting=found,
        description="Brief the job agencies",
        owner=committee.labour.agency,
        deadline=timezone.localdate() + timedelta(days=30),
        measure=measure,
    )
    return found


@pytest.fixture
def prevention(committee: Committee) -> dict[str, Any]:
    labour = committee.labour.agency
    campaign = Campaign.objects.create(
        agency=labour,
        title="Know your rights",
        channel="radio",
        languages=["zh-hant", "pt"],
        audiences=["domestic_workers"],
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
        reach=5000,
    )
    training = Training.objects.create(
        agency=labour,
        course="Screening with the ILO indicators",
        starts_on=date(2026, 8, 3),
        ends_on=date(2026, 8, 4),
        topics=["screening"],
    )
    Trainees.objects.create(training=training, agency=labour, role=Role.SCREENER, count=12)
    inspection = Inspection.objects.create(
        agency=labour,
        kind="labour",
        inspected_on=date(2026, 8, 10),
        place="Garment workshop, district 3",
        sector="manufacturing",
        workers_met=14,
        follow_up="Return visit with an interpreter.",
    )
    return {"campaign": campaign, "training": training, "inspection": inspection}


@pytest.fixture
def tip(db: None) -> Tip:
    return Tip.objects.create(
        channel="web",
        language="en",
        what_seen="Workers locked in a flat at night (synthetic).",
        where="Rua Sintetica 12",
    )
