"""Exporting the case list: the same cases as the list, formula-safe, audited, refused to roles
that read no cases."""

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Person, Stage, VictimCase

EXPORT = "registry:case_export"


def a_case(owner: User, agency: Agency | None = None, **fields: Any) -> VictimCase:
    person = Person.objects.create(
        given_name="Ana", family_name="Secretname", recorded_by_agency=owner.agency
    )
    return VictimCase.objects.create(
        person=person, owning_agency=agency or owner.agency, opened_by=owner, **fields
    )


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_holds_the_cases_of_the_list_and_no_names(
    client: Client, owner: User, outsider: User
) -> None:
    mine = a_case(owner, stage=Stage.SCREENING)
    a_case(owner, stage=Stage.CLOSED)
    theirs = a_case(outsider)
    client.force_login(owner)

    response = client.get(reverse(EXPORT), {"format": "csv", "stage": "screening"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = csv_rows(response)
    assert rows[0][0] == "Reference"
    assert [row[0] for row in rows[1:]] == [mine.reference]
    assert theirs.reference not in response.content.decode()
    assert "Secretname" not in response.content.decode()


def test_another_agency_exports_none_of_the_case(
    client: Client, owner: User, outsider: User
) -> None:
    case = a_case(owner)
    client.force_login(outsider)

    response = client.get(reverse(EXPORT), {"format": "csv"})

    assert response.status_code == 200
    assert case.reference not in response.content.decode()
    assert len(csv_rows(response)) == 1


@pytest.mark.parametrize("role", ["analyst", "auditor", "prosecutor"])
def test_a_role_that_reads_no_cases_is_refused(
    client: Client, make_user: Callable[..., User], owner: User, role: str
) -> None:
    a_case(owner)
    client.force_login(make_user("other", "welfare", role))

    assert client.get(reverse(EXPORT), {"format": "csv"}).status_code == 403
    assert not AuditEntry.objects.filter(object_type="victim_case_list").exists()


def test_a_formula_in_a_cell_is_written_as_text(
    client: Client, owner: User, agency: Callable[[str], Agency]
) -> None:
    welfare = agency("welfare")
    welfare.name = '=HYPERLINK("http://evil.example","x")'
    welfare.save()
    a_case(owner)
    client.force_login(owner)

    as_csv = csv_rows(client.get(reverse(EXPORT), {"format": "csv"}))
    as_xlsx = client.get(reverse(EXPORT), {"format": "xlsx"})

    assert as_csv[1][2].startswith("'=")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s"
    assert cell.value == welfare.name


def test_the_export_is_audited_with_its_filters_and_rows(client: Client, owner: User) -> None:
    a_case(owner, stage=Stage.SCREENING)
    a_case(owner, stage=Stage.SCREENING)
    client.force_login(owner)

    client.get(reverse(EXPORT), {"format": "xlsx", "stage": "screening", "sort": "activity"})

    entry = AuditEntry.objects.get(action="export", object_type="victim_case_list")
    assert entry.actor == owner.username
    assert entry.changes == {
        "format": "xlsx",
        "filters": {"stage": "screening", "sort": "activity"},
        "rows": 2,
    }


def test_bad_choices_are_refused_with_what_is_wrong(client: Client, owner: User) -> None:
    client.force_login(owner)

    assert client.get(reverse(EXPORT), {"format": "pdf"}).status_code == 400
    refused = client.get(reverse(EXPORT), {"format": "csv", "stage": "nowhere"})
    assert refused.status_code == 400
    assert "stage" in refused.content.decode()


def test_the_list_links_to_its_export_with_its_filters(client: Client, owner: User) -> None:
    a_case(owner, stage=Stage.SCREENING)
    client.force_login(owner)

    page = client.get(reverse("registry:case_list"), {"stage": "screening"}).content.decode()

    assert "/export/?stage=screening&amp;format=csv" in page
