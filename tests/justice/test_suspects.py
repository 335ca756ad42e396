"""Suspects: investigators of the owning agency add them; names are encrypted and shown only on
the case file."""

from django.db import connection
from django.test import Client
from django.urls import reverse

from palermo.audit.models import AuditEntry
from palermo.justice.models import CriminalCase, Suspect
from palermo.registry.models import Person
from tests.cast import Justice


def add(case: CriminalCase) -> str:
    return reverse("justice:suspect_add", args=[case.reference])


SUSPECT = {
    "suspect-given_name": "Orlando",
    "suspect-family_name": "Vexley",
    "suspect-sex": "male",
    "suspect-nationality": "ph",
    "suspect-role": "recruiter",
    "suspect-arrested_on": "2025-02-03",
}


def test_an_investigator_adds_a_suspect(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.colleague)

    response = client.post(add(case), SUSPECT)

    assert response.status_code == 302
    assert response["Location"].endswith("#suspects")
    suspect = Suspect.objects.select_related("person").get(case=case)
    assert (suspect.role, str(suspect.arrested_on)) == ("recruiter", "2025-02-03")
    person = suspect.person
    assert (person.given_name, person.family_name) == ("Orlando", "Vexley")
    assert (person.sex, person.nationality) == ("male", "PH")
    assert person.recorded_by_agency == justice.investigator.agency
    assert Person.objects.with_exact_name("Orlando Vexley").get() == person
    entry = AuditEntry.objects.get(action="suspect_added")
    assert "Vexley" not in str(entry.changes)


def test_suspect_names_are_encrypted_at_rest(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)
    client.post(add(case), SUSPECT)

    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name, family_name FROM registry_person")
        stored = cursor.fetchone()

    assert "Orlando" not in stored[0]
    assert "Vexley" not in stored[1]


def test_names_show_on_the_case_file_only(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)
    client.post(add(case), SUSPECT)

    file = client.get(reverse("justice:case_detail", args=[case.reference])).content.decode()
    listing = client.get(reverse("justice:case_list")).content.decode()

    assert "Orlando Vexley" in file
    assert "<title>Criminal case" in file
    assert "Vexley · Palermo" not in file
    assert "Vexley" not in listing


def test_a_suspect_needs_a_name_and_a_valid_country(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    response = client.post(
        add(case),
        {
            **SUSPECT,
            "suspect-given_name": "",
            "suspect-family_name": "",
            "suspect-nationality": "X",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Give at least a given name or a family name." in page
    assert "is not a country: choose one from the list" in page
    assert not Suspect.objects.exists()


def test_a_prosecutor_can_read_but_not_add_suspects(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    client.force_login(justice.prosecutor)

    response = client.post(add(case), SUSPECT)

    assert response.status_code == 403
    assert not Suspect.objects.exists()


def test_suspects_are_added_during_the_investigation_only(justice: Justice, client: Client) -> None:
    case = justice.case_with_prosecution()
    client.force_login(justice.investigator)

    response = client.post(add(case), SUSPECT)

    assert response.status_code == 200
    assert "Suspects are added while the case is under investigation." in (
        response.content.decode()
    )
    assert not Suspect.objects.exists()


def test_an_outsider_gets_404(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.outsider)

    assert client.post(add(case), SUSPECT).status_code == 404
    assert not Suspect.objects.exists()
