"""A cast for the committee's work: the secretariat, the labour inspectorate (which leads a
measure and inspects), the police (partner, triages tips), the hotline, and an outsider agency."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

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


@pytest.fixture
def cast(make_user: Callable[..., Any]) -> dict[str, Any]:
    return {
        "secretariat": make_user("sec", "secretariat", Role.ANALYST),
        "labour": make_user("inspector", "labour", Role.SCREENER),
        "labour_colleague": make_user("inspector2", "labour", Role.SCREENER),
        "police": make_user("officer", "police", Role.INVESTIGATOR, Role.SCREENER),
        "hotline": make_user("operator", "hotline", Role.SCREENER),
        "outsider": make_user("nurse", "health", Role.CASE_WORKER),
        "auditor": make_user("auditor", "secretariat", Role.AUDITOR),
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients(cast: dict[str, Any]) -> dict[str, Client]:
    return {name: client_for(user) for name, user in cast.items()}


@pytest.fixture
def measure(cast: dict[str, Any]) -> Measure:
    labour = cast["labour"].agency
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
    found.partners.add(cast["police"].agency)
    Indicator.objects.create(
        measure=found, name="Domestic workers screened", target=40, figure="screened:domestic_work"
    )
    Indicator.objects.create(measure=found, name="Employers briefed", target=100)
    return found


@pytest.fixture
def meeting(cast: dict[str, Any], measure: Measure) -> Meeting:
    found = Meeting.objects.create(
        kind="committee",
        title="Quarterly committee meeting",
        held_on=date(2026, 9, 15),
        agenda="1. Plan progress",
        minutes="Discussed the case of a worker (synthetic).",
        recorded_by=cast["secretariat"].agency,
    )
    found.agencies_present.add(cast["labour"].agency, cast["police"].agency)
    ActionItem.objects.create(
        meeting=found,
        description="Brief the job agencies",
        owner=cast["labour"].agency,
        deadline=timezone.localdate() + timedelta(days=30),
        measure=measure,
    )
    return found


@pytest.fixture
def prevention(cast: dict[str, Any]) -> dict[str, Any]:
    labour = cast["labour"].agency
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
