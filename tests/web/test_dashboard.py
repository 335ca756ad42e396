"""The dashboard shows each person what needs their attention, and nothing they may not see."""

import datetime
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.justice.models import CriminalCase, JudicialAuthorisation
from palermo.registry.models import Consent, Person, Referral, VictimCase


def referred_case(make_user: Callable[..., User], to_code: str) -> tuple[Any, VictimCase]:
    sender = make_user("sender", "welfare", "case_worker")
    person = Person.objects.create(given_name="A", recorded_by_agency=sender.agency)
    case = VictimCase.objects.create(person=person, owning_agency=sender.agency, opened_by=sender)
    Consent.objects.create(case=case, recorded_by=sender, form="written")

    Referral.send(case, Agency.objects.get(code=to_code), "shelter", sender)
    return sender, case


def test_a_case_worker_sees_referrals_to_accept(
    make_user: Callable[..., User], client: Client
) -> None:
    _, case = referred_case(make_user, "shelter-ngo")
    client.force_login(make_user("ngo", "shelter-ngo", "case_worker"))

    page = client.get("/").content.decode()

    assert "Referrals to accept" in page
    assert case.reference in page


def test_other_agencies_do_not_see_the_referral(
    make_user: Callable[..., User], client: Client
) -> None:
    _, case = referred_case(make_user, "shelter-ngo")
    client.force_login(make_user("outsider", "labour", "case_worker"))

    page = client.get("/").content.decode()

    assert case.reference not in page
    assert "Nothing needs your attention." in page


def test_a_judge_sees_requests_to_decide_and_measures_about_to_expire(
    make_user: Callable[..., User], client: Client
) -> None:
    investigator = make_user("investigator", "police", "investigator")
    judge = make_user("judge", "court", "judicial_officer")
    case = CriminalCase.objects.create(owning_agency=investigator.agency)
    JudicialAuthorisation.objects.create(
        case=case, kind="search", court=judge.agency, requested_by=investigator, scope="x"
    )
    granted = JudicialAuthorisation.objects.create(
        case=case, kind="travel_ban", court=judge.agency, requested_by=investigator, scope="y"
    )
    granted.decide(True, judge, timezone.now() + datetime.timedelta(days=3))
    client.force_login(judge)

    page = client.get("/").content.decode()

    assert "Authorisation requests awaiting your decision" in page
    assert "Authorisations expiring within a week" in page
    assert page.count(case.reference) >= 2


def test_a_case_worker_is_reminded_of_reflection_periods_ending(
    make_user: Callable[..., User], client: Client
) -> None:
    worker = make_user("worker", "welfare", "case_worker")
    today = timezone.localdate()

    def presumed_victim(days_left: int, stage: str = "presumed_victim") -> VictimCase:
        person = Person.objects.create(given_name="A", recorded_by_agency=worker.agency)
        return VictimCase.objects.create(
            person=person,
            owning_agency=worker.agency,
            stage=stage,
            reflection_period_end=today + datetime.timedelta(days=days_left),
        )

    ending, overdue = presumed_victim(10), presumed_victim(-3)
    later, decided = presumed_victim(40), presumed_victim(5, stage="identified")
    client.force_login(worker)

    page = client.get("/").content.decode()
    reminders = page.split('id="reflection-heading"', 1)[1].split("</section>", 1)[0]

    assert reminders.index(overdue.reference) < reminders.index(ending.reference)
    assert later.reference not in reminders
    assert decided.reference not in reminders
