"""The statistics pages: who sees them, drill-down to references, publication, the public page."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import Role
from palermo.audit.models import AuditEntry
from palermo.registry.models import VictimCase
from palermo.reporting.build import build_report
from palermo.reporting.models import Report
from palermo.reporting.periods import Period
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world: Any, analyst: User) -> Report:
    return build_report(Period.of(YEAR), analyst)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_analyst_sees_counts_across_agencies_and_never_names(
    report: Report, analyst: User
) -> None:
    response = client_for(analyst).get(reverse("reporting:report", args=[report.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "data:image/svg+xml;base64," in body
    assert "<script" not in body.split("<main", 1)[1]
    assert "/drill/victims_presumed/" in body
    assert AuditEntry.objects.filter(action="report_read", object_ref=str(report.pk)).exists()


def test_a_case_worker_may_not_see_statistics(
    report: Report, make_user: Callable[..., User]
) -> None:
    worker = make_user("worker", "welfare", Role.CASE_WORKER)
    response = client_for(worker).get(reverse("reporting:report", args=[report.pk]))
    assert response.status_code == 403


def test_drill_down_lists_references_and_is_audited(report: Report, analyst: User) -> None:
    url = reverse("reporting:drill", args=[report.pk, "victims_identified", "female", "adult"])
    response = client_for(analyst).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    expected = VictimCase.objects.filter(
        identified_on__year=YEAR, person__sex="female", person__birth_year__lte=YEAR - 18
    ).values_list("reference", flat=True)
    assert expected
    for reference in expected:
        assert reference in body
    assert 'href="/cases/VC-' not in body  # an analyst may not open victim cases
    entry = AuditEntry.objects.get(action="report_drill_down")
    assert entry.changes["figure"] == "victims_identified"


def test_publishing_again_with_other_figures_is_a_revision(report: Report, analyst: User) -> None:
    first = report.publish()
    assert first.revision == 1
    VictimCase.objects.filter(identified_on__year=YEAR).first().delete()  # type: ignore[union-attr]
    corrected = build_report(Period.of(YEAR), analyst)
    with pytest.raises(ValueError, match="correction"):
        corrected.publish()
    corrected = corrected.publish("a case recorded twice was removed")
    assert corrected.revision == 2
    assert corrected.supersedes == first
    assert corrected.changed_cells()
    same = build_report(Period.of(YEAR), analyst).publish()
    assert same == corrected  # nothing changed: no new revision
    assert Report.objects.get(pk=first.pk).snapshot == first.snapshot


def test_the_public_page_hides_small_counts_and_links_nowhere(report: Report) -> None:
    report.publish()
    response = Client().get(reverse("reporting:public", args=[YEAR, "calendar"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "/drill/" not in body
    assert "No count from 1 to 9 is shown" in body
    assert "•" in body


def test_no_public_page_before_publication(report: Report) -> None:
    assert Client().get(reverse("reporting:public", args=[YEAR, "calendar"])).status_code == 404


def test_building_runs_as_a_background_job(analyst: User, world: Any) -> None:
    response = client_for(analyst).post(reverse("reporting:build"), {"year": YEAR, "period": "tip"})
    assert response.status_code == 302
    assert "/jobs/" in response["Location"]


def test_no_name_reaches_the_analyst(world: Any, analyst: User) -> None:
    from palermo.registry.models import Person

    police = Agency.objects.get(code="police")
    person = Person.objects.create(
        given_name="Zephyrine", family_name="Quillfeather", sex="female", recorded_by_agency=police
    )
    VictimCase.objects.create(person=person, owning_agency=police, identified_on=f"{YEAR}-05-01")
    report = build_report(Period.of(YEAR), analyst)
    client = client_for(analyst)
    pages = [
        client.get(reverse("reporting:report", args=[report.pk])),
        client.get(
            reverse("reporting:drill", args=[report.pk, "victims_identified", "female", "unknown"])
        ),
    ]
    for page in pages:
        body = page.content.decode()
        assert "Zephyrine" not in body
        assert "Quillfeather" not in body
    assert VictimCase.objects.get(person=person).reference in pages[1].content.decode()
