"""A "further assessment" result leads somewhere: screen again, or open a case (at the stage
"screening") and refer it for assessment; indicators carry an encrypted note."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Referral, Stage, VictimCase
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening, record_answers, start_screening
from tests.screenings import EXPLOITATION

NOTE_KEY = "note.exploitation.bad_living_conditions"
NOTE = "Twelve people sleep in one room above the workshop."


@pytest.fixture
def further(screener: User) -> Screening:
    screening = start_screening(screener, "adult_labour")
    record_answers(screening, EXPLOITATION, screener, {"exploitation.bad_living_conditions": NOTE})
    finish_screening(screening, screener)
    assert screening.outcome == "further_assessment"
    return screening


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_result_offers_to_screen_again_or_open_a_case(
    screener: User, further: Screening
) -> None:
    page = logged_in(screener).get(reverse("screening:detail", args=[further.reference]))

    text = page.content.decode()
    assert reverse("screening:again", args=[further.reference]) in text
    assert reverse("screening:open_case", args=[further.reference]) in text
    assert NOTE in text  # the note shows beside its indicator in the result


def test_screening_again_starts_from_the_answers_and_notes(
    screener: User, further: Screening
) -> None:
    response = logged_in(screener).post(reverse("screening:again", args=[further.reference]))

    assert response.status_code == 302
    again = Screening.objects.get(follows=further)
    assert response["Location"].endswith(f"/{again.reference}/")
    assert again.status == "draft"
    assert again.answers == further.answers
    assert again.indicator_notes == {"exploitation.bad_living_conditions": NOTE}
    assert AuditEntry.objects.filter(action="create", object_ref=again.reference).exists()
    page = logged_in(screener).get(reverse("screening:detail", args=[again.reference]))
    assert NOTE in page.content.decode()  # in the note box of the form


def test_only_a_further_assessment_is_screened_again(screener: User) -> None:
    draft = start_screening(screener, "adult_labour")

    response = logged_in(screener).post(reverse("screening:again", args=[draft.reference]))
    api = logged_in(screener).post(reverse("api:screening_again", args=[draft.reference]))

    assert response.status_code == 409
    assert api.status_code == 409
    assert not Screening.objects.filter(follows=draft).exists()


def test_another_agency_cannot_screen_again(
    further: Screening, make_user: Callable[..., User]
) -> None:
    other = make_user("other", "labour", "screener")
    response = logged_in(other).post(reverse("screening:again", args=[further.reference]))
    assert response.status_code == 404


def test_a_case_opened_for_assessment_stays_at_screening_and_is_referred(
    screener: User, further: Screening, agency: Callable[[str], Agency]
) -> None:
    response = logged_in(screener).post(
        reverse("screening:open_case", args=[further.reference]),
        {
            "sex": "female",
            "nationality": "Vietnam",
            "consents": "on",
            "consent_form": "oral",
            "refer_now": "on",
            "to_agency": agency("welfare").pk,
            "service": "psychological",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    case = VictimCase.objects.get()
    assert case.stage == Stage.SCREENING
    assert case.person.nationality == "VN"
    assert Referral.objects.get(case=case).to_agency.code == "welfare"


def test_a_note_is_saved_from_the_form_encrypted_and_never_audited(screener: User) -> None:
    screening = start_screening(screener, "adult_labour")
    client = logged_in(screener)

    response = client.post(
        reverse("screening:answer", args=[screening.reference]),
        {"exploitation.bad_living_conditions": "observed", NOTE_KEY: NOTE},
    )

    assert response.status_code == 302
    assert Screening.objects.get(pk=screening.pk).indicator_notes == {
        "exploitation.bad_living_conditions": NOTE
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT indicator_notes FROM screening_screening")
        assert "Twelve" not in str(cursor.fetchone()[0])
    entry = AuditEntry.objects.filter(action="answer").latest("sequence")
    assert entry.changes["notes_on"] == ["exploitation.bad_living_conditions"]
    assert "Twelve" not in str(entry.changes)


def test_a_note_on_an_unknown_indicator_is_refused(screener: User) -> None:
    screening = start_screening(screener, "adult_labour")

    response = logged_in(screener).post(
        reverse("screening:answer", args=[screening.reference]), {"note.not.an.indicator": "x"}
    )

    assert response.status_code == 400
    assert Screening.objects.get(pk=screening.pk).indicator_notes == {}


def test_the_api_takes_notes_with_answers(screener: User) -> None:
    screening = start_screening(screener, "adult_labour")

    response = logged_in(screener).patch(
        reverse("api:screening_answers", args=[screening.reference]),
        {"exploitation.bad_living_conditions": "observed", NOTE_KEY: NOTE},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["indicator_notes"] == {"exploitation.bad_living_conditions": NOTE}
