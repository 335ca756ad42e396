"""The list of criminal cases: only those the user may see, filtered, paginated, never names."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from palermo.justice.models import CriminalCase, Suspect
from palermo.justice.views.cases import CASES_PER_PAGE
from tests.cast import Justice

LIST = reverse("justice:case_list")


def test_investigators_see_their_agency_cases_and_no_one_else_does(
    justice: Justice, client: Client
) -> None:
    case = justice.open_case()

    for user, sees in [
        (justice.colleague, True),
        (justice.outsider, False),
        (justice.prosecutor, False),
    ]:
        client.force_login(user)
        response = client.get(LIST)
        assert response.status_code == 200
        assert (case.reference in response.content.decode()) is sees


def test_rows_show_reference_stage_offences_and_date_but_no_names(
    justice: Justice, client: Client
) -> None:
    case = justice.open_case(reported_on=datetime.date(2024, 5, 17), is_sex_trafficking=True)
    case.provisions.add(*cast_provisions())
    Suspect.record(case, justice.investigator, ("Zebulon", "Quartermaine"))
    client.force_login(justice.investigator)

    page = client.get(LIST).content.decode()

    assert case.reference in page
    assert "under investigation" in page
    assert "PP-3" in page
    assert "sex trafficking" in page
    assert "Zebulon" not in page
    assert "Quartermaine" not in page


def cast_provisions() -> list[object]:
    from palermo.jurisdiction.models import LegalProvision

    return list(LegalProvision.objects.filter(jurisdiction__is_active=True))


def test_filters_by_stage_and_by_year(justice: Justice, client: Client) -> None:
    old = justice.open_case(reported_on=datetime.date(2021, 3, 1))
    recent = justice.open_case(reported_on=datetime.date(2024, 3, 1))
    closed = justice.open_case(reported_on=datetime.date(2024, 6, 1))
    closed.move_to("closed", justice.investigator, "No evidence.")
    client.force_login(justice.investigator)

    by_year = client.get(LIST, {"year": "2024"}).content.decode()
    by_stage = client.get(LIST, {"stage": "closed"}).content.decode()

    assert recent.reference in by_year
    assert closed.reference in by_year
    assert old.reference not in by_year
    assert closed.reference in by_stage
    assert recent.reference not in by_stage
    assert old.reference not in by_stage


def test_an_unknown_filter_value_is_reported_not_applied(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    response = client.get(LIST, {"stage": "nonsense"})

    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(("page", "rows"), [("1", CASES_PER_PAGE), ("2", 2)])
def test_the_list_is_paginated(justice: Justice, client: Client, page: str, rows: int) -> None:
    police = justice.investigator.agency
    CriminalCase.objects.bulk_create(
        CriminalCase(owning_agency=police) for _ in range(CASES_PER_PAGE + 2)
    )
    client.force_login(justice.investigator)

    response = client.get(LIST, {"page": page})

    assert len(response.context["page"].object_list) == rows
    assert "Page " + page + " of 2" in response.content.decode()


def test_only_investigators_are_offered_to_open_a_case(justice: Justice, client: Client) -> None:
    new = reverse("justice:case_new")
    client.force_login(justice.investigator)
    assert new in client.get(LIST).content.decode()
    client.force_login(justice.prosecutor)
    assert new not in client.get(LIST).content.decode()


def test_the_results_are_one_region_the_filters_replace_in_place(
    justice: Justice, client: Client
) -> None:
    justice.open_case()
    client.force_login(justice.investigator)

    page = client.get(LIST).content.decode()

    assert 'hx-target="#case-results"' in page
    results = page.split('<div id="case-results"', 1)[1]
    assert "1 criminal case found" in results
