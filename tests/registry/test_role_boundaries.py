"""Role boundaries: the competent authority decides identification, the holder moves the case,
consent withdrawal is confirmed and ends what it covered, the receiver decides on facts."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Agency, User
from palermo.jurisdiction.packs import PackError, _check_pack
from palermo.registry.forms import move_form_for
from palermo.registry.models import Consent, Person, Referral, Stage, VictimCase
from palermo.registry.models.referral import ReferralStatus

MOVE_TO_IDENTIFIED = "Move to “formally identified”"


@pytest.fixture
def police_worker(make_user: Callable[..., User]) -> User:
    return make_user("officer", "police", "case_worker")


@pytest.fixture
def ngo_worker(make_user: Callable[..., User]) -> User:
    return make_user("ngo", "shelter-ngo", "case_worker")


@pytest.fixture
def police_case(police_worker: User) -> VictimCase:
    person = Person.objects.create(
        given_name="Zhaowenqi",
        sex="female",
        birth_year=2010,
        recorded_by_agency=police_worker.agency,
    )
    case = VictimCase.objects.create(
        person=person, owning_agency=police_worker.agency, opened_by=police_worker
    )
    case.move_to(Stage.SCREENING, police_worker, "Interview held.")
    case.move_to(Stage.PRESUMED_VICTIM, police_worker, "Indicators observed.")
    return case


def referred(case: VictimCase, sender: User, receiver: User, *, accept: bool = True) -> Referral:
    if not case.consents.exists():
        Consent.objects.create(case=case, recorded_by=sender, form="written")
    referral = Referral.send(case, receiver.agency, "shelter", sender, urgency="urgent")
    if accept:
        referral.answer(True, receiver)
    return referral


def test_an_ngo_worker_is_not_offered_to_identify_on_a_police_case(
    client: Client, police_case: VictimCase, police_worker: User, ngo_worker: User
) -> None:
    referred(police_case, police_worker, ngo_worker)
    client.force_login(ngo_worker)
    detail = reverse("registry:case_detail", args=[police_case.reference])

    page = client.get(detail).content.decode()
    posted = client.post(
        reverse("registry:case_move", args=[police_case.reference]),
        {"to_stage": "identified", "from_stage": "presumed_victim", "move-identified-reason": "x"},
    )

    assert MOVE_TO_IDENTIFIED not in page
    assert "holds this case: only it moves the case on" in page
    assert posted.status_code == 403
    assert VictimCase.objects.get(pk=police_case.pk).stage == Stage.PRESUMED_VICTIM


def test_the_api_refuses_a_move_by_an_agency_the_case_was_referred_to(
    client: Client, police_case: VictimCase, police_worker: User, ngo_worker: User
) -> None:
    referred(police_case, police_worker, ngo_worker)
    client.force_login(ngo_worker)

    response = client.post(
        reverse("api:victim_case_move", args=[police_case.reference]),
        {"to_stage": "closed", "reason": "Done"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert VictimCase.objects.get(pk=police_case.pk).stage == Stage.PRESUMED_VICTIM


def test_the_holder_is_offered_the_move(
    client: Client, police_case: VictimCase, police_worker: User
) -> None:
    client.force_login(police_worker)
    page = client.get(reverse("registry:case_detail", args=[police_case.reference]))
    assert MOVE_TO_IDENTIFIED in page.content.decode()


def test_the_competent_authorities_are_the_packs_never_an_ngo_hotline_or_health(
    police_worker: User,
) -> None:
    form = move_form_for(Stage.IDENTIFIED, police_worker)
    offered = {agency.code for agency in form.fields["competent_authority"].queryset}  # type: ignore[attr-defined]

    assert offered == {"police", "welfare"}


def test_an_ngo_named_as_the_authority_is_refused(
    police_case: VictimCase, police_worker: User
) -> None:
    ngo = Agency.objects.get(code="shelter-ngo")

    with pytest.raises(ValidationError, match="not a competent authority"):
        police_case.move_to(
            Stage.IDENTIFIED, police_worker, "x", competent_authority=ngo, decision="Yes."
        )
    assert VictimCase.objects.get(pk=police_case.pk).stage == Stage.PRESUMED_VICTIM


def test_the_model_refuses_a_move_by_another_agency(
    police_case: VictimCase, ngo_worker: User
) -> None:
    with pytest.raises(PermissionDenied):
        police_case.move_to(Stage.CLOSED, ngo_worker, "x")


def test_a_pack_cannot_make_an_ngo_a_competent_authority() -> None:
    pack = {
        "code": "x",
        "name": "x",
        "provisions": [],
        "agencies": [{"code": "n", "name": "n", "kind": "ngo", "identifies_victims": True}],
    }
    with pytest.raises(PackError, match="cannot be a competent authority"):
        _check_pack(pack, "test")


def withdraw_url(case: VictimCase, consent: Consent) -> str:
    return reverse("registry:consent_withdraw", args=[case.reference, consent.pk])


def test_withdrawal_needs_a_reason_and_a_confirmation(
    client: Client, police_case: VictimCase, police_worker: User, ngo_worker: User
) -> None:
    referral = referred(police_case, police_worker, ngo_worker)
    consent = police_case.consents.get()
    client.force_login(police_worker)

    response = client.post(withdraw_url(police_case, consent), {})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick the box to confirm the withdrawal." in page
    assert "This field is required." in page
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.ACCEPTED


def test_withdrawal_ends_the_referrals_it_covered(
    client: Client,
    police_case: VictimCase,
    police_worker: User,
    ngo_worker: User,
    make_user: Callable[..., User],
) -> None:
    accepted = referred(police_case, police_worker, ngo_worker)
    waiting = referred(
        police_case, police_worker, make_user("w", "welfare", "case_worker"), accept=False
    )
    consent = police_case.consents.get()
    client.force_login(police_worker)
    page = client.get(reverse("registry:case_detail", args=[police_case.reference]))
    assert "These referrals were sent on this consent and will end:" in page.content.decode()

    response = client.post(
        withdraw_url(police_case, consent),
        {
            f"withdraw-{consent.pk}-reason": "The person no longer wants shelter.",
            f"withdraw-{consent.pk}-confirm": "on",
        },
    )

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None
    assert consent.withdrawal_reason == "The person no longer wants shelter."
    for referral in (accepted, waiting):
        assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.ENDED
    client.force_login(ngo_worker)
    detail = reverse("registry:case_detail", args=[police_case.reference])
    assert client.get(detail).status_code == 404


def test_the_receiver_sees_the_facts_it_decides_on_and_no_name(
    client: Client, police_case: VictimCase, police_worker: User, ngo_worker: User
) -> None:
    referred(police_case, police_worker, ngo_worker, accept=False)
    client.force_login(ngo_worker)

    page = client.get(reverse("registry:referral_list")).content.decode()

    for fact in ("child (under 18)", "female", "urgent (within days)", "shelter"):
        assert f"<dd>{fact}</dd>" in page
    assert "Zhaowenqi" not in page


def test_declining_takes_a_reason_on_the_page_and_in_the_api(
    client: Client, police_case: VictimCase, police_worker: User, ngo_worker: User
) -> None:
    referral = referred(police_case, police_worker, ngo_worker, accept=False)
    client.force_login(ngo_worker)

    page = client.post(reverse("registry:referral_decline", args=[referral.pk]), follow=True)
    api = client.post(
        reverse("api:referral_decline", args=[referral.pk]), {}, content_type="application/json"
    )

    assert "Say why the referral is declined." in page.content.decode()
    assert api.status_code == 422
    assert "reason" in api.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.SENT
