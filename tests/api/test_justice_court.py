"""Charges, decisions with their sentences, and appeals through the API: only the prosecution
office and the court the case went to; a court asked only for a measure learns nothing of them."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from palermo.audit.models import AuditEntry
from palermo.jurisdiction.models import LegalProvision
from palermo.justice import refusals
from palermo.justice.models import (
    Appeal,
    Charge,
    CourtDecision,
    CriminalCase,
    JudicialAuthorisation,
    Sentence,
    Suspect,
)
from tests.api.program import post, problems
from tests.cast import Justice


def url(name: str, case: CriminalCase, *args: object) -> str:
    return reverse(f"api:{name}", args=[case.reference, *args])


def provision() -> LegalProvision:
    return LegalProvision.objects.get(jurisdiction__is_active=True, code="PP-3")


def prosecuted_with_suspect(justice: Justice) -> tuple[CriminalCase, Suspect]:
    case = justice.open_case()
    suspect = Suspect.record(case, justice.investigator, ("Rafe", "Okonkwo-Lind"), role="exploiter")
    case.send_to_prosecution(justice.prosecutor.agency, justice.investigator, "Evidence gathered.")
    return case, suspect


def charged_at_trial(justice: Justice) -> tuple[CriminalCase, Charge]:
    case, suspect = prosecuted_with_suspect(justice)
    charge = Charge.file(case, suspect, provision(), justice.prosecutor)
    case.submit_to_court(justice.judge.agency, justice.prosecutor, "Indictment filed.")
    return case, charge


def decided(justice: Justice) -> tuple[CriminalCase, CourtDecision]:
    case, charge = charged_at_trial(justice)
    day = timezone.localdate() - datetime.timedelta(days=10)
    return case, CourtDecision.record(charge, justice.judge, "convicted", day)


def today(days: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_prosecutor_files_a_charge_naming_the_suspect_and_the_provision(justice: Justice) -> None:
    case, suspect = prosecuted_with_suspect(justice)

    response = post(
        justice.fellow_prosecutor,
        url("charge_add", case),
        suspect=suspect.person.reference,
        provision="PP-3",
    )

    assert response.status_code == 201, response.content
    charge = Charge.objects.get()
    assert (charge.case, charge.suspect, charge.provision.code) == (case, suspect, "PP-3")
    assert response.json()["suspect"] == suspect.person.reference
    assert response.json()["filed_by"] == "paulo"
    assert "Rafe" not in response.content.decode()
    entry = AuditEntry.objects.get(action="charge_filed")
    assert entry.changes == {"provision": "PP-3", "person": suspect.person.reference}


def test_a_charge_cites_the_law_and_a_suspect_of_this_case(justice: Justice) -> None:
    case, _ = prosecuted_with_suspect(justice)
    _, stranger = prosecuted_with_suspect(justice)

    found = problems(
        post(
            justice.prosecutor,
            url("charge_add", case),
            suspect=stranger.person.reference,
            provision="XX-9",
        )
    )

    assert ("body", "suspect") in found
    assert ("body", "provision") in found
    assert not Charge.objects.exists()


def test_the_police_read_but_file_no_charges_and_another_office_is_not_told(
    justice: Justice,
) -> None:
    case, suspect = prosecuted_with_suspect(justice)
    body = {"suspect": suspect.person.reference, "provision": "PP-3"}

    refused = post(justice.investigator, url("charge_add", case), **body)
    hidden = post(justice.other_prosecutor, url("charge_add", case), **body)

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.FILE_CHARGE)
    assert hidden.status_code == 404
    assert not Charge.objects.exists()


def test_the_court_records_a_conviction_with_its_sentence(justice: Justice) -> None:
    case, charge = charged_at_trial(justice)

    response = post(
        justice.fellow_judge,
        url("decision_add", case),
        charge=charge.pk,
        outcome="convicted",
        decided_on=today(),
        prison_months=60,
        fine="1000.00",
        compensation_to_victims="2500.50",
    )

    assert response.status_code == 201, response.content
    decision = CourtDecision.objects.get()
    assert (decision.charge, decision.outcome, decision.is_final) == (charge, "convicted", False)
    assert decision.court_id == justice.judge.agency_id
    sentence = Sentence.objects.get(decision=decision)
    assert (sentence.prison_months, sentence.fine) == (60, Decimal("1000.00"))
    assert response.json()["sentence"] == {
        "prison_months": 60,
        "suspended": False,
        "fine": "1000.00",
        "compensation_to_victims": "2500.50",
    }
    assert AuditEntry.objects.filter(action="court_decision", object_ref=case.reference).exists()


def test_an_acquittal_carries_no_sentence(justice: Justice) -> None:
    case, charge = charged_at_trial(justice)

    response = post(
        justice.judge,
        url("decision_add", case),
        charge=charge.pk,
        outcome="acquitted",
        is_final=True,
        prison_months=60,
    )

    assert response.status_code == 201, response.content
    assert response.json()["sentence"] is None
    assert response.json()["is_final"] is True
    assert not Sentence.objects.exists()


def test_a_decision_the_court_may_not_record_is_refused_by_the_model(justice: Justice) -> None:
    case, charge = charged_at_trial(justice)
    decide = url("decision_add", case)

    future = post(justice.judge, decide, charge=charge.pk, outcome="convicted", decided_on=today(3))
    negative = post(justice.judge, decide, charge=charge.pk, outcome="convicted", prison_months=-1)
    unknown = post(justice.judge, decide, charge=charge.pk + 99, outcome="convicted")

    assert "future" in problems(future)[("body",)]
    assert [loc[-1] for loc in problems(negative)] == ["prison_months"]
    assert ("body", "charge") in problems(unknown)
    assert not CourtDecision.objects.exists()


def test_a_court_asked_only_for_a_measure_decides_nothing_and_learns_nothing(
    justice: Justice,
) -> None:
    case, charge = charged_at_trial(justice)
    court = justice.other_judge.agency
    assert court is not None
    JudicialAuthorisation.request(case, justice.investigator, "detention", court, "Suspect 1")

    decision = post(
        justice.other_judge, url("decision_add", case), charge=charge.pk, outcome="dismissed"
    )
    appeal = post(justice.other_judge, url("appeal_decide", case, 12345), outcome="upheld")
    by_prosecutor = post(
        justice.prosecutor, url("decision_add", case), charge=charge.pk, outcome="dismissed"
    )

    assert decision.status_code == 403
    assert decision.json() == {"detail": str(refusals.DECIDE)}
    # Refused before the appeal is looked up: no telling whether it exists.
    assert appeal.status_code == 403
    assert by_prosecutor.status_code == 403
    assert not CourtDecision.objects.exists()


def test_the_court_records_an_appeal_and_its_outcome(justice: Justice) -> None:
    case, decision = decided(justice)

    filed = post(justice.judge, url("appeal_add", case), decision=decision.pk, by_party="defence")

    assert filed.status_code == 201, filed.content
    appeal = Appeal.objects.get()
    assert (appeal.decision, appeal.by_party, appeal.outcome) == (decision, "defence", "")
    assert filed.json()["outcome"] is None

    outcome = post(justice.fellow_judge, url("appeal_decide", case, appeal.pk), outcome="modified")

    assert outcome.status_code == 200, outcome.content
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_on) == ("modified", timezone.localdate())
    assert outcome.json()["outcome"] == "modified"
    assert AuditEntry.objects.filter(action="appeal_decided").exists()
    again = post(justice.judge, url("appeal_decide", case, appeal.pk), outcome="upheld")
    assert again.status_code == 409  # decided already: a conflict with the record's state
    assert "already decided" in again.json()["detail"][0]["msg"]


def test_appeals_are_the_trial_courts_and_of_this_case(justice: Justice) -> None:
    case, decision = decided(justice)
    appeal = Appeal.file(decision, justice.judge, timezone.localdate(), "prosecution")
    other, _ = decided(justice)

    refused = post(
        justice.prosecutor, url("appeal_add", case), decision=decision.pk, by_party="defence"
    )
    elsewhere = post(justice.judge, url("appeal_decide", other, appeal.pk), outcome="upheld")
    early = post(
        justice.judge,
        url("appeal_add", case),
        decision=decision.pk,
        by_party="defence",
        filed_on=today(-30),
    )

    assert refused.status_code == 403
    assert refused.json()["detail"] == str(refusals.RECORD_APPEAL)
    assert elsewhere.status_code == 404
    assert "after the decision" in problems(early)[("body",)]
    assert Appeal.objects.count() == 1
