"""Opening a criminal case: investigators only, for their own agency, straight into
investigation with a reason."""

from django.db import connection
from django.test import Client
from django.urls import reverse

from palermo.audit.models import AuditEntry
from palermo.jurisdiction.models import LegalProvision
from palermo.justice.models import CriminalCase, CriminalTransition
from tests.cast import Justice

NEW = reverse("justice:case_new")


def form_data(**changes: object) -> dict[str, object]:
    provision = LegalProvision.objects.get(jurisdiction__is_active=True, code="PP-3")
    data: dict[str, object] = {
        "reported_on": "2025-01-15",
        "provisions": [provision.pk],
        "is_sex_trafficking": "on",
        "summary": "Synthetic: three workers locked in a dormitory.",
        "reason": "Labour inspectors referred the report.",
    }
    data.update(changes)
    return data


def test_the_form_offers_the_active_jurisdiction_provisions(
    justice: Justice, client: Client
) -> None:
    client.force_login(justice.investigator)

    response = client.get(NEW)

    assert response.status_code == 200
    assert "PP-3" in response.content.decode()


def test_an_investigator_opens_a_case_for_their_agency(justice: Justice, client: Client) -> None:
    client.force_login(justice.investigator)

    response = client.post(NEW, form_data())

    case = CriminalCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("justice:case_detail", args=[case.reference])
    assert case.owning_agency == justice.investigator.agency
    assert case.stage == "investigation"
    assert case.is_sex_trafficking
    assert not case.is_labour_trafficking
    assert [p.code for p in case.provisions.all()] == ["PP-3"]
    transition = CriminalTransition.objects.get(case=case)
    assert (transition.by, transition.reason) == (
        justice.investigator,
        "Labour inspectors referred the report.",
    )
    assert AuditEntry.objects.filter(action="create", object_ref=case.reference).exists()


def test_the_summary_is_stored_encrypted(justice: Justice, client: Client) -> None:
    client.force_login(justice.investigator)
    client.post(NEW, form_data())
    case = CriminalCase.objects.get()

    with connection.cursor() as cursor:
        cursor.execute("SELECT summary FROM justice_criminalcase WHERE id = %s", [case.pk])
        stored = cursor.fetchone()[0]

    assert "dormitory" not in stored
    assert case.summary == "Synthetic: three workers locked in a dormitory."


def test_a_reason_is_required_and_errors_are_shown(justice: Justice, client: Client) -> None:
    client.force_login(justice.investigator)

    response = client.post(NEW, form_data(reason="", reported_on="2031-01-01"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "A report cannot be dated in the future." in page
    assert not CriminalCase.objects.exists()


def test_only_investigators_open_cases(justice: Justice, client: Client) -> None:
    client.force_login(justice.prosecutor)

    response = client.post(NEW, form_data())

    assert response.status_code == 403
    assert "Only investigators open criminal cases." in response.content.decode()
    assert not CriminalCase.objects.exists()
