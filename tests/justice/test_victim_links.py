"""Victim-witness links: the investigators link a victim case by its reference; the criminal
case file shows only that reference and the capacity."""

from django.test import Client
from django.urls import reverse

from palermo.justice.models import CriminalCase, VictimLink
from palermo.justice.models.case import NO_LINK_MADE
from palermo.registry.models import Person, VictimCase
from tests.cast import Justice


def link(case: CriminalCase) -> str:
    return reverse("justice:victim_link_add", args=[case.reference])


def victim_case(justice: Justice) -> VictimCase:
    from palermo.accounts.models import Agency

    welfare = Agency.objects.get(code="welfare")
    person = Person.objects.create(
        given_name="Marisol", family_name="Ybarra", recorded_by_agency=welfare
    )
    return VictimCase.objects.create(person=person, owning_agency=welfare)


def test_an_investigator_links_a_victim_case(justice: Justice, client: Client) -> None:
    case, victim = justice.open_case(), victim_case(justice)
    client.force_login(justice.investigator)

    response = client.post(
        link(case), {"link-victim_reference": victim.reference.lower(), "link-capacity": "witness"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#victims")
    assert VictimLink.objects.get().victim_case == victim
    page = client.get(reverse("justice:case_detail", args=[case.reference])).content.decode()
    assert victim.reference in page
    assert "witness" in page
    assert "Marisol" not in page
    assert "Ybarra" not in page


def test_an_unknown_reference_gets_a_neutral_answer(justice: Justice, client: Client) -> None:
    case = justice.open_case()
    client.force_login(justice.investigator)

    response = client.post(
        link(case), {"link-victim_reference": "VC-00000-00000", "link-capacity": "witness"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert str(NO_LINK_MADE) in page
    assert "not exist" not in page
    assert "not found" not in page
    assert not VictimLink.objects.exists()


def test_a_case_is_linked_once(justice: Justice, client: Client) -> None:
    case, victim = justice.open_case(), victim_case(justice)
    client.force_login(justice.investigator)
    data = {"link-victim_reference": victim.reference, "link-capacity": "injured_party"}
    client.post(link(case), data)

    response = client.post(link(case), data)

    assert "already linked" in response.content.decode()
    assert VictimLink.objects.count() == 1


def test_a_prosecutor_cannot_link_victims(justice: Justice, client: Client) -> None:
    case, victim = justice.case_with_prosecution(), victim_case(justice)
    client.force_login(justice.prosecutor)

    response = client.post(
        link(case), {"link-victim_reference": victim.reference, "link-capacity": "witness"}
    )

    assert response.status_code == 403
    assert not VictimLink.objects.exists()


def test_an_outsider_gets_404(justice: Justice, client: Client) -> None:
    case, victim = justice.open_case(), victim_case(justice)
    client.force_login(justice.outsider)

    response = client.post(
        link(case), {"link-victim_reference": victim.reference, "link-capacity": "witness"}
    )

    assert response.status_code == 404
    assert not VictimLink.objects.exists()
