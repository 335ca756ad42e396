"""Only the agency that holds a case refers it: a receiving agency cannot pass it on."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from palermo.accounts.models import User
from palermo.registry.models import Referral, VictimCase


def test_a_receiving_agency_cannot_refer_the_case_on(
    consented_case: VictimCase, owner: User, make_user: Callable[..., User]
) -> None:
    shelter = make_user("shelter", "shelter-ngo", "case_worker")
    Referral.send(consented_case, shelter.agency, "shelter", owner).answer(True, shelter)
    third = make_user("third", "police", "case_worker")

    with pytest.raises(ValidationError, match="Only the agency that holds the case"):
        Referral.send(consented_case, third.agency, "medical", shelter)

    assert Referral.objects.count() == 1


def test_the_holding_agency_still_refers(
    consented_case: VictimCase, owner: User, make_user: Callable[..., User]
) -> None:
    shelter = make_user("shelter", "shelter-ngo", "case_worker")

    Referral.send(consented_case, shelter.agency, "shelter", owner)

    assert Referral.objects.count() == 1
