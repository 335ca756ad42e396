"""Referrals from the pages: sent with consent, answered only by the receiving agency, ended by
either side."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.registry.models import Referral, VictimCase
from palermo.registry.models.referral import ReferralStatus


def send(client: Client, case: VictimCase, to_agency: Agency, service: str = "shelter") -> Any:
    data = {"referral-to_agency": to_agency.pk, "referral-service": service}
    return client.post(reverse("registry:referral_send", args=[case.reference]), data)


@pytest.fixture
def referral(consented_case: VictimCase, owner: User, agency: Callable[[str], Agency]) -> Referral:
    return Referral.send(consented_case, agency("shelter-ngo"), "shelter", owner)


@pytest.fixture
def receiver(make_user: Callable[..., User]) -> User:
    return make_user("receiver", "shelter-ngo", "case_worker")


def test_a_case_without_consent_is_not_referred(
    client: Client, welfare_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(owner)

    response = send(client, welfare_case, agency("shelter-ngo"))

    assert response.status_code == 400
    assert "has not consented to referral" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_case_with_consent_is_referred(
    client: Client, consented_case: VictimCase, owner: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(owner)

    response = send(client, consented_case, agency("shelter-ngo"), "legal_aid")

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.to_agency, referral.service, referral.status) == (
        agency("shelter-ngo"),
        "legal_aid",
        ReferralStatus.SENT,
    )


def test_an_outsider_cannot_refer_a_case_it_cannot_see(
    client: Client, consented_case: VictimCase, outsider: User, agency: Callable[[str], Agency]
) -> None:
    client.force_login(outsider)

    response = send(client, consented_case, agency("health"))

    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_the_receiving_agency_lists_what_waits_for_its_answer(
    client: Client, referral: Referral, receiver: User
) -> None:
    client.force_login(receiver)

    response = client.get(reverse("registry:referral_list"))

    page = response.content.decode()
    assert f'id="referral-{referral.pk}"' in page
    assert reverse("registry:referral_accept", args=[referral.pk]) in page
    assert reverse("registry:referral_decline", args=[referral.pk]) in page


def test_the_sending_agency_sees_its_referral_with_status(
    client: Client, referral: Referral, colleague: User
) -> None:
    client.force_login(colleague)

    response = client.get(reverse("registry:referral_list"))

    assert list(response.context["sent"]) == [referral]
    assert not response.context["waiting"]
    assert b"sent" in response.content


def test_accepting_opens_the_case_to_the_receiving_agency(
    client: Client, referral: Referral, receiver: User
) -> None:
    client.force_login(receiver)
    case_url = reverse("registry:case_detail", args=[referral.case.reference])
    assert client.get(case_url).status_code == 404

    response = client.post(reverse("registry:referral_accept", args=[referral.pk]))

    assert response.status_code == 302
    assert response["Location"] == case_url
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
    assert client.get(case_url).status_code == 200


def test_declining_keeps_the_case_closed_to_the_receiving_agency(
    client: Client, referral: Referral, receiver: User
) -> None:
    client.force_login(receiver)

    response = client.post(
        reverse("registry:referral_decline", args=[referral.pk]), {"reason": "No bed free."}
    )

    assert response.status_code == 302
    assert Referral.objects.get().status == ReferralStatus.DECLINED
    assert Referral.objects.get().decline_reason == "No bed free."
    case_url = reverse("registry:case_detail", args=[referral.case.reference])
    assert client.get(case_url).status_code == 404


@pytest.mark.parametrize("action", ["referral_accept", "referral_decline"])
def test_the_sending_agency_cannot_answer_its_own_referral(
    client: Client, referral: Referral, colleague: User, action: str
) -> None:
    client.force_login(colleague)

    response = client.post(reverse(f"registry:{action}", args=[referral.pk]), follow=True)

    assert "Only the receiving agency can answer" in response.content.decode()
    assert Referral.objects.get().status == ReferralStatus.SENT


@pytest.mark.parametrize("action", ["referral_accept", "referral_decline"])
def test_a_third_agency_cannot_even_find_the_referral(
    client: Client, referral: Referral, make_user: Callable[..., User], action: str
) -> None:
    client.force_login(make_user("labour-worker", "labour", "case_worker"))

    response = client.post(reverse(f"registry:{action}", args=[referral.pk]))

    assert response.status_code == 404
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_the_sender_ends_an_accepted_referral(
    client: Client, referral: Referral, receiver: User, owner: User
) -> None:
    referral.answer(True, receiver)
    client.force_login(owner)

    response = client.post(
        reverse("registry:referral_end", args=[referral.case.reference, referral.pk])
    )

    assert response.status_code == 302
    assert Referral.objects.get().status == ReferralStatus.ENDED


def test_the_receiver_ends_an_accepted_referral_and_loses_the_case(
    client: Client, referral: Referral, receiver: User
) -> None:
    referral.answer(True, receiver)
    client.force_login(receiver)

    response = client.post(
        reverse("registry:referral_end", args=[referral.case.reference, referral.pk])
    )

    assert response["Location"] == reverse("registry:referral_list")
    assert Referral.objects.get().status == ReferralStatus.ENDED


def test_a_referral_not_accepted_cannot_be_ended(
    client: Client, referral: Referral, owner: User
) -> None:
    client.force_login(owner)

    response = client.post(
        reverse("registry:referral_end", args=[referral.case.reference, referral.pk]),
        follow=True,
    )

    assert "Only an accepted referral can be ended" in response.content.decode()
    assert Referral.objects.get().status == ReferralStatus.SENT
