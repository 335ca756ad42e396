"""No consent, no referral; a referral is answered by the receiving agency only."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from palermo.accounts.models import Agency, User
from palermo.registry.models import Consent, Person, Referral, VictimCase


@pytest.fixture
def case(make_user: Callable[..., User]) -> VictimCase:
    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="A", recorded_by_agency=worker.agency)
    return VictimCase.objects.create(person=person, owning_agency=worker.agency, opened_by=worker)


def test_a_case_without_consent_cannot_be_referred(
    case: VictimCase, agency: Callable[[str], Agency]
) -> None:
    with pytest.raises(ValidationError, match="consent"):
        Referral.send(case, agency("shelter-ngo"), "shelter", case.opened_by)
    assert not Referral.objects.exists()


def test_withdrawn_consent_stops_new_referrals(
    case: VictimCase, agency: Callable[[str], Agency]
) -> None:
    Consent.objects.create(
        case=case, recorded_by=case.opened_by, form="written", withdrawn_on="2026-01-02"
    )
    with pytest.raises(ValidationError, match="consent"):
        Referral.send(case, agency("shelter-ngo"), "shelter", case.opened_by)


def test_only_the_receiving_agency_answers(
    case: VictimCase, agency: Callable[[str], Agency], make_user: Callable[..., User]
) -> None:
    Consent.objects.create(case=case, recorded_by=case.opened_by, form="written")
    referral = Referral.send(case, agency("shelter-ngo"), "shelter", case.opened_by)
    outsider = make_user("outsider", "labour", "case_worker")
    receiver = make_user("receiver", "shelter-ngo", "case_worker")

    with pytest.raises(ValidationError, match="receiving agency"):
        referral.answer(True, outsider)
    referral.answer(True, receiver)

    assert Referral.objects.get().status == "accepted"
    with pytest.raises(ValidationError, match="not yet answered"):
        referral.answer(False, receiver)
