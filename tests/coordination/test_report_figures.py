"""The committee's records in the annual report: each prevention cell against counts made here
from the seeded specs (not through the report's code), the public edition's small-cell rule,
drill-down to references, and every export format."""

import datetime
import json
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Agency
from palermo.coordination.figures import prevention_figures
from palermo.coordination.models import (
    Campaign,
    Inspection,
    InspectionScreening,
    Tip,
    Trainees,
    Training,
)
from palermo.reporting.build import build_report, build_snapshot
from palermo.reporting.exports import FORMATS, export
from palermo.reporting.periods import Period
from palermo.reporting.presentation import present
from palermo.screening.services import finish_screening, record_answers, start_screening
from tests.cast import Committee
from tests.screenings import PRESUMED_VICTIM

pytestmark = pytest.mark.django_db

YEAR = 2025
CHANNELS = ["radio", "social_media", "print"]
AGENCIES = ["police", "labour", "welfare"]


@dataclass
class InspectionSpec:
    kind: str
    sector: str
    day: datetime.date
    indicators: bool
    referrals: int
    screened: int
    presumed: int


def _day(rng: random.Random) -> datetime.date:
    # One record in four falls in the year before, which no cell of YEAR may count.
    return datetime.date(rng.choice([YEAR - 1, YEAR, YEAR, YEAR]), rng.randint(1, 12), 15)


def campaign_specs(rng: random.Random) -> list[tuple[str, datetime.date, int]]:
    return [(rng.choice(CHANNELS), _day(rng), rng.randint(0, 900)) for _ in range(30)]


def trainee_specs(rng: random.Random) -> list[tuple[datetime.date, dict[str, int]]]:
    return [
        (_day(rng), {code: rng.randint(1, 9) for code in rng.sample(AGENCIES, 2)}) for _ in range(8)
    ]


def inspection_specs(rng: random.Random) -> list[InspectionSpec]:
    specs = []
    for number in range(16):
        screened = 1 if number < 5 else 0
        specs.append(
            InspectionSpec(
                rng.choice(["labour", "police", "joint"]),
                rng.choice(["domestic_work", "construction", "hospitality"]),
                _day(rng) if number >= 2 else datetime.date(YEAR, 3, 1),
                rng.random() < 0.4,
                rng.randint(0, 3),
                screened,
                1 if number in {0, 3} else 0,
            )
        )
    return specs


def tip_specs(rng: random.Random) -> list[tuple[str, datetime.date, str | None]]:
    return [
        (rng.choice(["web", "phone", "email"]), _day(rng), rng.choice([None, "police", "labour"]))
        for _ in range(25)
    ]


@pytest.fixture
def seeded(committee: Committee) -> dict[str, Any]:
    rng = random.Random(10)
    agency = {code: Agency.objects.get(code=code) for code in AGENCIES}
    labour = agency["labour"]
    specs = {
        "campaigns": campaign_specs(rng),
        "trainees": trainee_specs(rng),
        "inspections": inspection_specs(rng),
        "tips": tip_specs(rng),
    }
    for channel, day, reach in specs["campaigns"]:
        Campaign.objects.create(
            agency=labour, title="Know your rights", channel=channel, starts_on=day, ends_on=day,
            reach=reach,
        )  # fmt: skip
    for day, counts in specs["trainees"]:
        training = Training.objects.create(
            agency=labour, course="ILO indicators", starts_on=day, ends_on=day
        )
        for code, count in counts.items():
            Trainees.objects.create(
                training=training, agency=agency[code], role="other", count=count
            )
    for spec in specs["inspections"]:
        inspection = Inspection.objects.create(
            agency=labour, kind=spec.kind, inspected_on=spec.day, place="Site", sector=spec.sector,
            indicators_found=spec.indicators, referrals_made=spec.referrals,
        )  # fmt: skip
        for number in range(spec.screened):
            screening = start_screening(committee.labour, "adult_labour")
            InspectionScreening.objects.create(inspection=inspection, screening=screening)
            record_answers(
                screening, PRESUMED_VICTIM if number < spec.presumed else {}, committee.labour
            )
            finish_screening(screening, committee.labour)
    for channel, day, forwarded in specs["tips"]:
        Tip.objects.create(
            channel=channel, language="en", what_seen="synthetic", where="synthetic",
            received_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30))),
            forwarded_to=agency[forwarded] if forwarded else None,
        )  # fmt: skip
    return specs


def cell(snapshot: dict[str, Any], figure: str, row: str, column: str) -> int:
    data = snapshot["figures"][figure] if figure != "trend" else snapshot["trend"]
    rows = [code for code, _label in data["rows"]]
    columns = [code for code, _label in data["columns"]]
    return int(data["cells"][rows.index(row)][columns.index(column)])


def row_total(snapshot: dict[str, Any], figure: str, row: str) -> int:
    data = snapshot["figures"][figure]
    return sum(data["cells"][[code for code, _label in data["rows"]].index(row)])


def in_year(day: datetime.date) -> bool:
    return day.year == YEAR


def test_the_reports_prevention_cells_match_the_committees_records(seeded: Any) -> None:
    snapshot = build_snapshot(Period.of(YEAR))
    campaigns = [c for c in seeded["campaigns"] if in_year(c[1])]
    for channel in CHANNELS:
        mine = [c for c in campaigns if c[0] == channel]
        assert cell(snapshot, "campaigns_by_channel", "campaigns", channel) == len(mine)
        reach = sum(c[2] for c in mine)
        assert cell(snapshot, "campaign_reach_by_channel", "campaign_reach", channel) == reach
    trained: Counter[str] = Counter()
    for day, counts in seeded["trainees"]:
        if in_year(day):
            trained.update(counts)
    for code in AGENCIES:
        assert cell(snapshot, "trainees_by_agency", "trainees", code) == trained[code]
    inspections = [i for i in seeded["inspections"] if in_year(i.day)]
    for kind in ["labour", "police", "joint"]:
        mine = [i for i in inspections if i.kind == kind]
        expected = {
            "inspections": len(mine),
            "inspections_with_indicators": sum(i.indicators for i in mine),
            "screenings_at_inspections": sum(i.screened for i in mine),
            "presumed_victims_at_inspections": sum(i.presumed for i in mine),
            "referrals_from_inspections": sum(i.referrals for i in mine),
        }
        for row, count in expected.items():
            assert cell(snapshot, "inspections_by_kind", row, kind) == count, (row, kind)
    for sector in ["domestic_work", "construction", "hospitality"]:
        count = len([i for i in inspections if i.sector == sector])
        assert cell(snapshot, "inspections_by_sector", "inspections", sector) == count
    assert sum(i.presumed for i in inspections) >= 1  # the seed exercises every row
    tips = [t for t in seeded["tips"] if in_year(t[1])]
    for channel in ["web", "phone", "email"]:
        mine = [t for t in tips if t[0] == channel]
        assert cell(snapshot, "tips_by_channel", "tips", channel) == len(mine)
        forwarded = len([t for t in mine if t[2]])
        assert cell(snapshot, "tips_by_channel", "tips_forwarded", channel) == forwarded
    for code in ["police", "labour"]:
        count = len([t for t in tips if t[2] == code])
        assert cell(snapshot, "tips_forwarded_by_agency", "tips_forwarded", code) == count
    assert cell(snapshot, "trend", "campaigns", str(YEAR)) == len(campaigns)
    assert cell(snapshot, "trend", "campaigns", str(YEAR - 1)) == len(seeded["campaigns"]) - len(
        campaigns
    )
    assert cell(snapshot, "trend", "trainees", str(YEAR)) == sum(trained.values())


def test_the_committees_figures_are_the_reports(seeded: Any) -> None:
    """One source: the committee's API figures equal the report's cells for the same year."""
    snapshot = build_snapshot(Period.of(YEAR))
    figures = prevention_figures(datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    assert figures["campaigns"] == row_total(snapshot, "campaigns_by_channel", "campaigns")
    assert figures["trainees_by_agency"] == {
        code: cell(snapshot, "trainees_by_agency", "trainees", code)
        for code in AGENCIES
        if cell(snapshot, "trainees_by_agency", "trainees", code)
    }
    for row in ["inspections", "screenings_at_inspections", "referrals_from_inspections"]:
        assert figures[row] == row_total(snapshot, "inspections_by_kind", row)
    assert figures["tips_forwarded"] == sum(
        cell(snapshot, "tips_by_channel", "tips_forwarded", c) for c in ["web", "phone", "email"]
    )


def test_the_public_edition_hides_small_prevention_cells(seeded: Any) -> None:
    snapshot = build_snapshot(Period.of(YEAR))
    public = present(snapshot, public=True, charts=False)
    shown = {f.key: f for section in public.sections for f in section.figures}
    for key in ["campaigns_by_channel", "trainees_by_agency", "inspections_by_kind"]:
        values = [
            c.value for row in shown[key].rows for c in [*row.cells, row.total] if c is not None
        ]
        assert not [v for v in values if v is not None and 0 < v < 10], key
        assert all(not c.href for row in shown[key].rows for c in row.cells)
    # The seed has inspections with 1 to 9 screenings in a kind: some cells must be hidden.
    assert shown["inspections_by_kind"].hidden > 0
    committee = present(snapshot, public=False, charts=False)
    inner = {f.key: f for section in committee.sections for f in section.figures}
    assert inner["inspections_by_kind"].hidden == 0
    for fmt in FORMATS:
        body = export(snapshot, fmt, public=True)
        assert body, fmt
    published = json.loads(export(snapshot, "json", public=True))
    assert {key for key in shown if key in published} == set(shown)


def test_drill_down_lists_campaign_and_inspection_references(
    seeded: Any, committee: Committee
) -> None:
    report = build_report(Period.of(YEAR), committee.secretariat)
    client = Client()
    client.force_login(committee.secretariat)
    page = client.get(reverse("reporting:report", args=[report.pk]))
    assert page.status_code == 200
    assert "/drill/campaigns_by_channel/" in page.content.decode()
    url = reverse("reporting:drill", args=[report.pk, "campaigns_by_channel", "campaigns", "radio"])
    body = client.get(url).content.decode()
    radio = Campaign.objects.filter(channel="radio", starts_on__year=YEAR)
    assert radio.exists()
    for reference in radio.values_list("reference", flat=True):
        assert reference.startswith("CA-")
        assert reference in body
    url = reverse(
        "reporting:drill",
        args=[report.pk, "inspections_by_kind", "screenings_at_inspections", "labour"],
    )
    body = client.get(url).content.decode()
    screened = InspectionScreening.objects.filter(
        inspection__kind="labour", inspection__inspected_on__year=YEAR
    )
    for reference in screened.values_list("inspection__reference", flat=True):
        assert reference in body
    amount = reverse(
        "reporting:drill",
        args=[report.pk, "campaign_reach_by_channel", "campaign_reach", "radio"],
    )
    assert client.get(amount).status_code == 404  # an amount has no records to list
