"""The demo seeds the committee's work: a dozen measures (some late), two years of meetings,
campaigns, trainings, inspections with screenings, and tips in three languages."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from palermo.audit.verify import verify_chain
from palermo.coordination.figures import prevention_figures
from palermo.coordination.models import ActionItem, InspectionScreening, Measure, Meeting, Tip
from palermo.reporting.build import build_snapshot
from palermo.reporting.periods import Period


def test_the_demo_seeds_the_committees_work(db: None) -> None:
    call_command("demo", "--seed-only", "--persons", "20", stdout=io.StringIO())

    today = timezone.localdate()
    assert Measure.objects.count() == 12
    assert 2 <= Measure.objects.late_on(today).count() < 12
    assert Measure.objects.finished().exists()
    days = list(Meeting.objects.values_list("held_on", flat=True))
    assert max(days) - min(days) > timedelta(days=600)
    assert ActionItem.objects.open().exists()
    assert set(Tip.objects.values_list("language", flat=True)) == {"en", "zh-hant", "pt"}
    assert InspectionScreening.objects.count() >= 10
    figures = prevention_figures(today - timedelta(days=730), today)
    assert figures["campaigns"] > 0
    assert figures["trainees"] > 0
    assert figures["screenings_at_inspections"] > 0
    assert figures["presumed_victims_at_inspections"] > 0
    assert figures["tips_forwarded"] > 0
    assert verify_chain().intact
    # The demo's records fit the report's categories, and the report agrees with the committee.
    period = Period.of(today.year - 1)
    snapshot = build_snapshot(period)
    year = prevention_figures(period.start, period.end)
    for key, row in [("trainees_by_agency", "trainees"), ("tips_by_channel", "tips_forwarded")]:
        data = snapshot["figures"][key]
        line = data["cells"][[code for code, _label in data["rows"]].index(row)]
        assert sum(line) == year[row]
