"""Charges by the prosecution; decisions, sentences and appeals by the court."""

import datetime
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.jurisdiction.models import LegalProvision
from palermo.justice.models import Charge, CourtDecision, CriminalCase, Sentence, Suspect
from palermo.justice.models.court import Appeal
from tests.cast import Justice


def url(name: str, case: CriminalCase, *args: object) -> str:
    return reverse(f"justice:{name}", args=[case.reference, *args])


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


def today(days: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def decision_data(charge: Charge, **changes: str) -> dict[str, str]:
    data = {
        "decision-charge": str(charge.pk),
        "decision-outcome": "convicted",
        "decision-decided_on": today(),
        "decision-prison_months": "60",
        "decision-fine": "1000.00",
        "decision-compensation_to_victims": "2500.50",
    }
    data.update(changes)
    return data


def test_a_prosecutor_files_a_charge_per_suspect(justice: Justice, client: Client) -> None:
    case, suspect = prosecuted_with_suspect(justice)
    client.force_login(justice.fellow_prosecutor)

    response = client.post(
        url("charge_add", case),
        {"charge-suspect": suspect.pk, "charge-provision": provision().pk},
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#charges")
    charge = Charge.objects.get()
    assert (charge.case, charge.suspect, charge.provision.code) == (case, suspect, "PP-3")
    assert charge.filed_by == justice.fellow_prosecutor
    page = client.get(reverse("justice:case_detail", args=[case.reference])).content.decode()
    assert "Trafficking in persons (Palermo Protocol, art. 3)" in page


def test_a_suspect_of_another_case_cannot_be_charged(justice: Justice, client: Client) -> None:
    case, _ = prosecuted_with_suspect(justice)
    _, stranger = prosecuted_with_suspect(justice)
    client.force_login(justice.prosecutor)

    response = client.post(
        url("charge_add", case),
        {"charge-suspect": stranger.pk, "charge-provision": provision().pk},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Charge.objects.exists()


def test_an_investigator_cannot_file_charges(justice: Justice, client: Client) -> None:
    case, suspect = prosecuted_with_suspect(justice)
    client.force_login(justice.investigator)

    response = client.post(
        url("charge_add", case),
        {"charge-suspect": suspect.pk, "charge-provision": provision().pk},
    )

    assert response.status_code == 403
    assert not Charge.objects.exists()


def test_a_prosecutor_of_another_office_gets_404(justice: Justice, client: Client) -> None:
    case, suspect = prosecuted_with_suspect(justice)
    client.force_login(justice.other_prosecutor)

    response = client.post(
        url("charge_add", case),
        {"charge-suspect": suspect.pk, "charge-provision": provision().pk},
    )

    assert response.status_code == 404


def test_the_court_convicts_and_sentences(justice: Justice, client: Client) -> None:
    case, charge = charged_at_trial(justice)
    client.force_login(justice.judge)

    response = client.post(
        url("decision_add", case), decision_data(charge, **{"decision-is_final": "on"})
    )

    assert response.status_code == 302
    decision = CourtDecision.objects.get()
    assert (decision.outcome, decision.is_final, decision.court_id) == (
        "convicted",
        True,
        justice.judge.agency_id,
    )
    sentence = Sentence.objects.get(decision=decision)
    assert (sentence.prison_months, sentence.fine, sentence.compensation_to_victims) == (
        60,
        Decimal("1000.00"),
        Decimal("2500.50"),
    )
    page = client.get(reverse("justice:case_detail", args=[case.reference])).content.decode()
    assert "60 months in prison" in page


def test_an_acquittal_carries_no_sentence(justice: Justice, client: Client) -> None:
    case, charge = charged_at_trial(justice)
    client.force_login(justice.judge)

    client.post(
        url("decision_add", case), decision_data(charge, **{"decision-outcome": "acquitted"})
    )

    decision = CourtDecision.objects.get()
    assert decision.outcome == "acquitted"
    assert not Sentence.objects.exists()


def test_a_decision_cannot_be_dated_in_the_future(justice: Justice, client: Client) -> None:
    case, charge = charged_at_trial(justice)
    client.force_login(justice.judge)

    response = client.post(
        url("decision_add", case), decision_data(charge, **{"decision-decided_on": today(3)})
    )

    assert response.status_code == 200
    assert "A decision cannot be dated in the future." in response.content.decode()
    assert not CourtDecision.objects.exists()


def test_a_prosecutor_cannot_decide_and_another_court_gets_404(
    justice: Justice, client: Client
) -> None:
    case, charge = charged_at_trial(justice)

    client.force_login(justice.prosecutor)
    assert client.post(url("decision_add", case), decision_data(charge)).status_code == 403
    client.force_login(justice.other_judge)
    assert client.post(url("decision_add", case), decision_data(charge)).status_code == 404
    assert not CourtDecision.objects.exists()


def test_an_appeal_is_filed_and_later_decided(justice: Justice, client: Client) -> None:
    case, charge = charged_at_trial(justice)
    decision = CourtDecision.record(charge, justice.judge, "convicted", timezone.localdate())
    client.force_login(justice.judge)

    response = client.post(
        url("appeal_add", case),
        {"appeal-decision": decision.pk, "appeal-filed_on": today(), "appeal-by_party": "defence"},
    )

    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.decision, appeal.by_party, appeal.outcome) == (decision, "defence", "")

    response = client.post(
        url("appeal_decide", case, appeal.pk),
        {f"appeal-{appeal.pk}-outcome": "upheld", f"appeal-{appeal.pk}-decided_on": today()},
    )

    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_on) == ("upheld", timezone.localdate())


def test_a_final_decision_cannot_be_appealed(justice: Justice, client: Client) -> None:
    case, charge = charged_at_trial(justice)
    final = CourtDecision.record(charge, justice.judge, "acquitted", timezone.localdate(), True)
    client.force_login(justice.judge)

    response = client.post(
        url("appeal_add", case),
        {"appeal-decision": final.pk, "appeal-filed_on": today(), "appeal-by_party": "prosecution"},
    )

    assert response.status_code == 200
    assert not Appeal.objects.exists()


def test_a_prosecutor_cannot_record_an_appeal_outcome(justice: Justice, client: Client) -> None:
    case, charge = charged_at_trial(justice)
    decision = CourtDecision.record(charge, justice.judge, "convicted", timezone.localdate())
    appeal = Appeal.file(decision, justice.judge, timezone.localdate(), "defence")
    client.force_login(justice.prosecutor)

    response = client.post(
        url("appeal_decide", case, appeal.pk),
        {f"appeal-{appeal.pk}-outcome": "overturned", f"appeal-{appeal.pk}-decided_on": today()},
    )

    assert response.status_code == 403
    appeal.refresh_from_db()
    assert appeal.outcome == ""
