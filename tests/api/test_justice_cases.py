"""Criminal cases through the API: the list, opening a case, moving it on, suspects and victim
links, under the page's rules and refusals."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from palermo.audit.models import AuditEntry
from palermo.justice import refusals
from palermo.justice.models import CriminalCase, JudicialAuthorisation, Suspect, VictimLink
from palermo.justice.models.case import NO_LINK_MADE
from palermo.registry.models import Person, VictimCase
from tests.api.program import get, post, problems
from tests.cast import Justice

CASES = reverse("api:criminal_cases")


def url(name: str, case: CriminalCase) -> str:
    return reverse(f"api:{name}", args=[case.reference])


def listed(response: Any) -> list[str]:
    return [row["reference"] for row in response.json()["results"]]


def test_the_list_holds_the_cases_the_caller_may_see_and_no_names(justice: Justice) -> None:
    case = justice.open_case(is_sex_trafficking=True)
    Suspect.record(case, justice.investigator, ("Zebulon", "Quartermaine"))
    court = justice.other_judge.agency
    assert court is not None
    JudicialAuthorisation.request(case, justice.investigator, "search", court, "Unit 4B")

    seen = {
        user.username: listed(get(user, CASES))
        for user in [justice.colleague, justice.outsider, justice.prosecutor, justice.other_judge]
    }

    assert seen == {"ivo": [case.reference], "otto": [], "pia": [], "joana": [case.reference]}
    response = get(justice.colleague, CASES)
    assert response.json()["results"][0] == {
        "reference": case.reference,
        "stage": "investigation",
        "owning_agency": "police",
        "reported_on": timezone.localdate().isoformat(),
        "offences": [],
        "is_sex_trafficking": True,
        "is_labour_trafficking": False,
    }
    assert "Zebulon" not in response.content.decode()


def test_the_list_filters_by_stage_and_year_and_pages_by_25(justice: Justice) -> None:
    old = justice.open_case(reported_on=datetime.date(2021, 3, 1))
    closed = justice.open_case(reported_on=datetime.date(2024, 6, 1))
    closed.move_to("closed", justice.investigator, "No evidence.")
    for _ in range(24):
        justice.open_case(reported_on=datetime.date(2024, 3, 1))

    assert listed(get(justice.investigator, CASES, year=2021)) == [old.reference]
    assert listed(get(justice.investigator, CASES, stage="closed")) == [closed.reference]
    assert listed(get(justice.investigator, CASES, year=1999)) == []
    first, second = get(justice.investigator, CASES), get(justice.investigator, CASES, page=2)
    assert (first.json()["count"], first.json()["pages"], len(listed(first))) == (26, 2, 25)
    assert listed(second) == [old.reference]
    assert second.json()["page"] == 2


def test_a_filter_out_of_place_is_refused_where_it_is(justice: Justice) -> None:
    assert (
        "not one of the available choices"
        in problems(get(justice.investigator, CASES, stage="nowhere"))[("query", "stage")]
    )
    assert ("query", "year") in problems(get(justice.investigator, CASES, year="last"))


def test_an_investigator_opens_a_case_citing_provisions_by_code(justice: Justice) -> None:
    response = post(
        justice.investigator,
        CASES,
        reason="Report from the hotline.",
        provisions=["PP-3"],
        is_labour_trafficking=True,
        summary="Workers held at a synthetic farm.",
    )

    assert response.status_code == 201, response.content
    case = CriminalCase.objects.get(reference=response.json()["reference"])
    assert (case.stage, case.owning_agency.code) == ("investigation", "police")
    assert [p.code for p in case.provisions.all()] == ["PP-3"]
    assert (case.is_labour_trafficking, case.is_sex_trafficking) == (True, False)
    assert case.summary == "Workers held at a synthetic farm."
    assert response.json()["offences"] == ["PP-3"]
    assert AuditEntry.objects.filter(action="create", object_ref=case.reference).exists()
    assert "synthetic farm" not in str(list(AuditEntry.objects.values("changes", "reason")))


def test_only_investigators_open_cases(justice: Justice) -> None:
    response = post(justice.prosecutor, CASES, reason="I would like one.")

    assert response.status_code == 403
    assert response.json()["detail"] == str(refusals.OPEN_CASE)
    assert not CriminalCase.objects.exists()


def test_opening_answers_field_by_field(justice: Justice) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(
        justice.investigator,
        CASES,
        reason="Report.",
        provisions=["XX-9"],
        reported_on=str(tomorrow),
    )

    found = problems(response)
    assert "XX-9" in found[("body", "provisions")]
    assert "future" in found[("body", "reported_on")]
    assert ("body", "payload", "reason") in problems(post(justice.investigator, CASES))
    assert not CriminalCase.objects.exists()


def test_the_investigators_send_a_case_to_prosecution_by_its_code(justice: Justice) -> None:
    case = justice.open_case()

    response = post(
        justice.colleague,
        url("criminal_case_move", case),
        stage="prosecution",
        prosecution="prosecution",
        reason="Evidence gathered.",
    )

    assert response.status_code == 201, response.content
    case.refresh_from_db()
    assert (case.stage, case.prosecution_agency_id) == ("prosecution", justice.prosecutor.agency_id)
    body = response.json()
    assert (body["from"], body["to"], body["by"]) == ("investigation", "prosecution", "ivo")
    assert list(case.transitions.values_list("reason", flat=True))[-1] == "Evidence gathered."
    entry = AuditEntry.objects.filter(action="transition", object_ref=case.reference).last()
    assert entry is not None
    assert entry.changes["stage"] == ["investigation", "prosecution"]
    assert entry.changes["reason_of"] == case.transitions.last().audit_ref


def test_the_prosecution_submits_it_to_a_court(justice: Justice) -> None:
    case = justice.case_with_prosecution()

    response = post(
        justice.prosecutor,
        url("criminal_case_move", case),
        stage="trial",
        court="court",
        reason="Indictment filed.",
    )

    assert response.status_code == 201, response.content
    case.refresh_from_db()
    assert (case.stage, case.court_agency_id) == ("trial", justice.judge.agency_id)
    assert response.json()["court_agency"] == "court"


def test_a_move_the_procedure_refuses_changes_nothing(justice: Justice) -> None:
    case = justice.open_case()
    move = url("criminal_case_move", case)

    wrong_kind = post(
        justice.investigator, move, stage="prosecution", prosecution="court", reason="x"
    )
    nowhere = post(justice.investigator, move, stage="prosecution", reason="x")
    not_next = post(justice.investigator, move, stage="trial", reason="x")

    assert ("body", "prosecution") in problems(wrong_kind)
    assert "prosecution office" in problems(nowhere)[("body",)]
    assert ("body", "stage") in problems(not_next)
    case.refresh_from_db()
    assert (case.stage, case.prosecution_agency_id) == ("investigation", None)


def test_who_may_see_but_not_move_is_refused_and_an_outsider_not_told(justice: Justice) -> None:
    case = justice.case_with_prosecution()
    move = url("criminal_case_move", case)

    refused = post(justice.investigator, move, stage="closed", reason="Done.")
    hidden = post(justice.other_prosecutor, move, stage="closed", reason="Done.")

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.MOVE)
    assert hidden.status_code == 404
    case.refresh_from_db()
    assert case.stage == "prosecution"


def test_an_investigator_adds_a_suspect_known_by_reference_only(justice: Justice) -> None:
    case = justice.open_case()

    response = post(
        justice.investigator,
        url("suspect_add", case),
        given_name="Rafe",
        family_name="Okonkwo-Lind",
        nationality="ph",
        role="exploiter",
        arrested_on="2026-01-05",
    )

    assert response.status_code == 201, response.content
    suspect = Suspect.objects.get(case=case)
    assert (suspect.person.given_name, suspect.person.nationality) == ("Rafe", "PH")
    assert response.json() == {
        "case": case.reference,
        "person": suspect.person.reference,
        "role": "exploiter",
        "arrested_on": "2026-01-05",
    }
    entry = AuditEntry.objects.get(action="suspect_added")
    assert "Rafe" not in str(entry.changes)
    assert "Okonkwo" not in str(entry.changes)


def test_a_suspect_needs_a_name_and_a_country_code(justice: Justice) -> None:
    case = justice.open_case()

    found = problems(post(justice.investigator, url("suspect_add", case), nationality="Phil"))

    assert "at least a given name" in found[("body",)]
    assert ("body", "nationality") in found
    assert not Suspect.objects.exists()


def test_the_prosecution_reads_but_adds_no_suspects(justice: Justice) -> None:
    case = justice.case_with_prosecution()

    response = post(justice.prosecutor, url("suspect_add", case), given_name="Rafe")

    assert response.status_code == 403
    assert response.json()["detail"] == str(refusals.ADD_SUSPECT)
    assert not Suspect.objects.exists()


def victim_case() -> VictimCase:
    from palermo.accounts.models import Agency

    welfare = Agency.objects.get(code="welfare")
    person = Person.objects.create(given_name="Marisol", recorded_by_agency=welfare)
    return VictimCase.objects.create(person=person, owning_agency=welfare)


def test_an_investigator_links_a_victim_case_by_its_reference(justice: Justice) -> None:
    case, victim = justice.open_case(), victim_case()

    response = post(
        justice.investigator,
        url("victim_link_add", case),
        victim_reference=victim.reference.lower(),
        capacity="witness",
    )

    assert response.status_code == 201, response.content
    assert response.json() == {
        "case": case.reference,
        "victim_case": victim.reference,
        "capacity": "witness",
    }
    assert VictimLink.objects.get().victim_case == victim
    assert AuditEntry.objects.filter(action="victim_linked", object_ref=case.reference).exists()


def test_an_unknown_reference_links_nothing_and_says_nothing(justice: Justice) -> None:
    case = justice.open_case()
    link = url("victim_link_add", case)

    unknown = post(justice.investigator, link, victim_reference="VC-NOPE", capacity="witness")
    bad_capacity = post(justice.investigator, link, victim_reference="VC-NOPE", capacity="friend")

    assert problems(unknown) == {("body",): str(NO_LINK_MADE)}
    assert ("body", "capacity") in problems(bad_capacity)
    assert not VictimLink.objects.exists()


def test_a_court_asked_for_a_measure_links_no_victims_and_sees_none(justice: Justice) -> None:
    case = justice.open_case()
    VictimLink.link(case, victim_case().reference, "witness", justice.investigator)
    court = justice.other_judge.agency
    assert court is not None
    JudicialAuthorisation.request(case, justice.investigator, "search", court, "Unit 4B")

    refused = post(
        justice.other_judge,
        url("victim_link_add", case),
        victim_reference=victim_case().reference,
        capacity="witness",
    )
    read = get(justice.other_judge, url("criminal_case", case))

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.LINK_VICTIM)
    assert VictimLink.objects.count() == 1
    assert read.status_code == 200
    assert "VC-" not in read.content.decode()


def test_the_description_lists_every_justice_operation(justice: Justice) -> None:
    spec = get(justice.investigator, "/api/v1/openapi.json").json()

    paths = {path: set(operations) for path, operations in spec["paths"].items()}
    assert paths["/api/v1/criminal-cases/"] == {"get", "post"}
    for tail in ["moves", "suspects", "victim-links", "charges", "decisions", "appeals"]:
        assert paths[f"/api/v1/criminal-cases/{{reference}}/{tail}/"] == {"post"}
    assert paths["/api/v1/criminal-cases/{reference}/appeals/{pk}/decide/"] == {"post"}
    assert paths["/api/v1/criminal-cases/{reference}/authorisations/"] == {"post"}
    assert paths["/api/v1/authorisations/"] == {"get"}
    assert paths["/api/v1/authorisations/{pk}/decide/"] == {"post"}
