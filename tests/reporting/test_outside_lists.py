"""Uploading outside person lists for the hidden figure on the report page: checked whole before
anything is kept, stored encrypted, audited, used by the estimate job, then forgotten."""

import datetime
import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import Role
from palermo.audit.models import AuditEntry
from palermo.jobs.models import Job
from palermo.jurisdiction.models import Jurisdiction
from palermo.registry.models import Person, VictimCase
from palermo.reporting.build import build_report
from palermo.reporting.models import OutsideList, Report
from palermo.reporting.periods import Period
from palermo.reporting.tasks import estimate_hidden_figure

pytestmark = pytest.mark.django_db
YEAR = 2025


def people(count: int) -> list[tuple[str, str, str]]:
    from faker import Faker

    fake = Faker("en_GB")
    Faker.seed(9)
    return [
        (fake.first_name(), fake.last_name(), f"19{70 + n % 25}-0{1 + n % 9}-1{n % 9}")
        for n in range(count)
    ]


def seed_registry(found: list[tuple[str, str, str]]) -> None:
    police, labour = Agency.objects.get(code="police"), Agency.objects.get(code="labour")
    for number, (given, family, born) in enumerate(found):
        person = Person.objects.create(
            given_name=given, family_name=family, date_of_birth=born, recorded_by_agency=police
        )
        for agency in [police, labour] if number % 3 == 0 else [police]:
            VictimCase.objects.create(
                person=person,
                owning_agency=agency,
                reflection_period_start=datetime.date(YEAR, 3, 1),
            )


def csv_file(name: str, rows: list[dict[str, str]]) -> SimpleUploadedFile:
    buffer = io.StringIO()
    pd.DataFrame(rows).to_csv(buffer, index=False)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def hotline_rows(found: list[tuple[str, str, str]], source: str = "hotline_ngo") -> list[Any]:
    return [
        {
            "record_id": f"H{n}",
            "source": source,
            "given_name": g,
            "family_name": f,
            "date_of_birth": b,
        }
        for n, (g, f, b) in enumerate(found)
    ]


@pytest.fixture
def report(jurisdiction: Jurisdiction, analyst: User) -> Report:
    return build_report(Period.of(YEAR), analyst)


def post_lists(user: User, report: Report, *files: SimpleUploadedFile) -> Any:
    client = Client()
    client.force_login(user)
    url = reverse("reporting:estimate_lists", args=[report.pk])
    return client.post(url, {"lists": list(files)})


def test_uploaded_lists_feed_the_estimate_and_are_then_forgotten(
    report: Report, analyst: User
) -> None:
    everyone = people(80)
    seed_registry(everyone[:50])
    first = csv_file("hotline.csv", hotline_rows(everyone[30:60]))
    second = csv_file("church.csv", hotline_rows(everyone[55:], source="church"))
    response = post_lists(analyst, report, first, second)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = list(OutsideList.objects.filter(report=report))
    assert [item.records for item in stored] == [30, 25]
    # Kept encrypted: no name from the lists appears in the stored bytes.
    assert everyone[30][1].encode() not in bytes(stored[0].content)
    assert b"hotline_ngo" in stored[0].read_content()
    audit = AuditEntry.objects.get(action="outside_lists_uploaded", object_ref=str(report.pk))
    assert audit.changes == {"files": 2, "records": 55}

    job = Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    estimate_hidden_figure.call(job_id=job.pk, report_id=report.pk, with_outside_lists=True)
    report.refresh_from_db()
    assert report.estimate["lists"] == ["church", "hotline_ngo", "labour", "police"]
    # 80 people on 67 registry records and 55 uploaded ones: linkage can merge records, never
    # split a person (on lists this small it may leave records of one person apart).
    assert 80 <= report.estimate["observed"] <= 67 + 30 + 25
    assert not OutsideList.objects.filter(report=report).exists()


def test_a_bad_cell_refuses_every_file_naming_file_row_and_column(
    report: Report, analyst: User
) -> None:
    good = csv_file("good.csv", hotline_rows(people(5)))
    rows = hotline_rows(people(5), source="church")
    rows[1]["sex"] = "Q"
    bad = csv_file("bad.csv", rows)
    response = post_lists(analyst, report, good, bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "bad.csv, row 3, column &#x27;sex&#x27;" in body
    assert not OutsideList.objects.exists()
    assert not Job.objects.filter(kind="estimate").exists()
    assert not AuditEntry.objects.filter(action="outside_lists_uploaded").exists()


def test_a_record_id_in_two_files_is_refused(report: Report, analyst: User) -> None:
    found = people(4)
    response = post_lists(
        analyst,
        report,
        csv_file("one.csv", hotline_rows(found)),
        csv_file("two.csv", hotline_rows(found)),
    )
    assert response.status_code == 400
    assert "two.csv, row 2, column &#x27;record_id&#x27;" in response.content.decode()
    assert not OutsideList.objects.exists()


@pytest.mark.parametrize("agency", ["secretariat", "police"])
@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.INVESTIGATOR, Role.LINKAGE_REVIEWER])
def test_only_the_statistics_role_may_upload(
    report: Report, make_user: Callable[..., User], role: str, agency: str
) -> None:
    someone = make_user("someone", agency, role)
    response = post_lists(someone, report, csv_file("l.csv", hotline_rows(people(3))))
    assert response.status_code == 403
    assert not OutsideList.objects.exists()


def test_anonymous_visitors_may_not_upload(report: Report) -> None:
    url = reverse("reporting:estimate_lists", args=[report.pk])
    response = Client().post(url, {"lists": [csv_file("l.csv", hotline_rows(people(3)))]})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not OutsideList.objects.exists()
