"""A suspect already on record is not recorded again by accident: the registry's duplicate check
runs on the suspect form (page and API), with its visibility rules (docs/duplicates.md)."""

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.justice.models import CriminalCase, Suspect
from palermo.registry.models import NewPersonConfirmation
from tests.api.program import post
from tests.cast import Justice

SUSPECT = {
    "suspect-given_name": "Orlando",
    "suspect-family_name": "Vexley",
    "suspect-sex": "male",
    "suspect-nationality": "PH",
    "suspect-role": "recruiter",
}
REASON = "Another man: a different father's name and he was in custody at the time."


def add(case: CriminalCase) -> str:
    return reverse("justice:suspect_add", args=[case.reference])


def already_recorded(justice: Justice, by: User) -> Suspect:
    first = CriminalCase.open(by, "An earlier report.")
    client = Client()
    client.force_login(by)
    assert client.post(add(first), SUSPECT).status_code == 302
    return Suspect.objects.select_related("person").get(case=first)


def test_a_suspect_already_on_record_is_shown_and_nothing_is_written(justice: Justice) -> None:
    earlier = already_recorded(justice, justice.investigator)
    case = justice.open_case()
    client = Client()
    client.force_login(justice.colleague)

    response = client.post(add(case), SUSPECT)

    page = response.content.decode()
    assert response.status_code == 200
    assert "This suspect may already be on record" in page
    assert earlier.person.reference in page
    assert "Orlando Vexley" in page
    assert not Suspect.objects.filter(case=case).exists()
    assert AuditEntry.objects.filter(action="duplicate_check").exists()


def test_with_a_reason_the_suspect_is_added_and_the_reason_kept(justice: Justice) -> None:
    earlier = already_recorded(justice, justice.investigator)
    case = justice.open_case()
    client = Client()
    client.force_login(justice.colleague)

    short = client.post(add(case), {**SUSPECT, "suspect-new_person_reason": "no"})
    assert short.status_code == 200
    assert "at least" in short.content.decode()
    assert not Suspect.objects.filter(case=case).exists()

    response = client.post(add(case), {**SUSPECT, "suspect-new_person_reason": REASON})

    assert response.status_code == 302
    suspect = Suspect.objects.get(case=case)
    confirmation = NewPersonConfirmation.objects.get(person=suspect.person)
    assert confirmation.set_aside == [earlier.person.reference]
    assert confirmation.reason == REASON
    entry = AuditEntry.objects.get(action="confirm_new_person")
    assert REASON not in str(entry.changes)


def test_a_match_at_another_agency_shows_only_whom_to_ask(justice: Justice) -> None:
    earlier = already_recorded(justice, justice.outsider)  # the labour inspectorate's own case
    case = justice.open_case()
    client = Client()
    client.force_login(justice.investigator)

    page = client.post(add(case), SUSPECT).content.decode()

    assert "A possible match exists at" in page
    assert earlier.person.reference not in page
    assert not Suspect.objects.filter(case=case).exists()


def test_someone_else_is_added_without_a_warning(justice: Justice) -> None:
    already_recorded(justice, justice.investigator)
    case = justice.open_case()
    client = Client()
    client.force_login(justice.colleague)
    other = {**SUSPECT, "suspect-given_name": "Bartholomew", "suspect-family_name": "Quince"}

    response = client.post(add(case), other)

    assert response.status_code == 302
    assert Suspect.objects.filter(case=case).count() == 1


def test_the_api_answers_409_with_the_matches_then_takes_a_reason(justice: Justice) -> None:
    earlier = already_recorded(justice, justice.investigator)
    case = justice.open_case()
    url = reverse("api:suspect_add", args=[case.reference])
    body = {"given_name": "Orlando", "family_name": "Vexley", "sex": "male", "nationality": "PH"}

    conflict = post(justice.colleague, url, **body)
    added = post(justice.colleague, url, **body, new_person_reason=REASON)

    assert conflict.status_code == 409
    matches = conflict.json()["possible_matches"]
    assert [match["reference"] for match in matches] == [earlier.person.reference]
    assert added.status_code == 201
    assert Suspect.objects.filter(case=case).count() == 1
