"""The case list's columns, flags, sorts and pages; the referral page's pages; "my work" with
"more" links."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.registry.models import Consent, Person, Referral, Stage, VictimCase

LIST = "registry:case_list"


def listed(response: Any) -> list[str]:
    return [case.reference for case in response.context["page"].object_list]


def a_case(owner: User, **fields: Any) -> VictimCase:
    person_fields = {k: fields.pop(k) for k in ["sex", "birth_year", "nationality"] if k in fields}
    person = Person.objects.create(
        given_name="Ana", recorded_by_agency=owner.agency, **person_fields
    )
    return VictimCase.objects.create(
        person=person, owning_agency=owner.agency, opened_by=owner, **fields
    )


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_the_list_shows_non_identifying_columns(client: Client, owner: User) -> None:
    a_case(
        owner,
        sex="female",
        birth_year=timezone.localdate().year - 16,
        nationality="VN",
        stage_since=days_ago(9),
    )
    client.force_login(owner)

    page = client.get(reverse(LIST)).content.decode()

    for shown in ["female", "child", "Vietnam", "<td>9</td>", owner.agency.name]:
        assert shown in page
    assert "Ana" not in page


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-opened", ["new", "middle", "old"]),
        ("opened", ["old", "middle", "new"]),
        ("-activity", ["middle", "old", "new"]),
        ("activity", ["new", "old", "middle"]),
        ("-days", ["new", "middle", "old"]),
    ],
)
def test_the_list_sorts_by_the_column_the_address_names(
    client: Client, owner: User, sort: str, expected: list[str]
) -> None:
    made = {
        "old": a_case(owner, opened_at=days_ago(30), last_activity_at=days_ago(5)),
        "middle": a_case(owner, opened_at=days_ago(20), last_activity_at=days_ago(1)),
        "new": a_case(owner, opened_at=days_ago(10), last_activity_at=days_ago(9)),
    }
    made["new"].stage_since = days_ago(40)
    made["middle"].stage_since = days_ago(30)
    made["old"].stage_since = days_ago(2)
    for case in made.values():
        case.save()
    client.force_login(owner)

    response = client.get(reverse(LIST), {"sort": sort})

    names = {case.reference: name for name, case in made.items()}
    assert [names[reference] for reference in listed(response)] == expected
    assert 'aria-sort="' in response.content.decode()


def test_equal_sort_keys_page_without_repeating_or_skipping(client: Client, owner: User) -> None:
    same = days_ago(3)
    cases = [a_case(owner, opened_at=same) for _ in range(30)]
    client.force_login(owner)

    first = listed(client.get(reverse(LIST), {"sort": "-opened"}))
    second = listed(client.get(reverse(LIST), {"sort": "-opened", "page": 2}))

    assert len(first) == 25
    assert sorted(first + second) == sorted(case.reference for case in cases)


def test_an_unknown_sort_is_refused_and_the_list_keeps_its_order(
    client: Client, owner: User
) -> None:
    a_case(owner)
    client.force_login(owner)

    response = client.get(reverse(LIST), {"sort": "person__family_name"})

    assert response.status_code == 200
    assert response.context["sort"] == "-opened"
    assert "sort" in response.context["form"].errors


def test_the_reflection_flag_filters_and_shows(client: Client, owner: User) -> None:
    ending = a_case(
        owner,
        stage=Stage.PRESUMED_VICTIM,
        reflection_period_end=timezone.localdate() + datetime.timedelta(days=3),
    )
    a_case(
        owner,
        stage=Stage.PRESUMED_VICTIM,
        reflection_period_end=timezone.localdate() + datetime.timedelta(days=60),
    )
    client.force_login(owner)

    response = client.get(reverse(LIST), {"flag": "reflection_ending"})

    assert listed(response) == [ending.reference]
    assert "reflection period ending" in response.content.decode()


def test_the_assigned_flags(client: Client, owner: User, colleague: User) -> None:
    mine = a_case(owner, assigned_to=owner)
    theirs = a_case(owner, assigned_to=colleague)
    nobody = a_case(owner)
    client.force_login(owner)

    assert listed(client.get(reverse(LIST), {"flag": "mine"})) == [mine.reference]
    assert listed(client.get(reverse(LIST), {"flag": "unassigned"})) == [nobody.reference]
    assert theirs.reference in listed(client.get(reverse(LIST)))


def test_the_pager_keeps_the_filters_and_the_sort(client: Client, owner: User) -> None:
    for _ in range(26):
        a_case(owner, stage=Stage.SCREENING)
    client.force_login(owner)

    page = client.get(reverse(LIST), {"stage": "screening", "sort": "activity"}).content.decode()

    assert "stage=screening&amp;sort=activity&amp;page=2" in page


def test_a_move_restarts_the_days_in_stage_and_the_activity(owner: User) -> None:
    case = a_case(owner, stage_since=days_ago(12), last_activity_at=days_ago(12))

    case.move_to(Stage.SCREENING, by=owner, reason="interview booked")
    case.refresh_from_db()

    assert case.days_in_stage() == 0
    assert case.last_activity_at > days_ago(1)


def test_the_referral_page_is_paged_per_box(
    client: Client, owner: User, agency: Callable[[str], Agency], make_user: Callable[..., User]
) -> None:
    receiver = make_user("receiver", "shelter-ngo", "case_worker")
    for _ in range(12):
        case = a_case(owner)
        Consent.objects.create(case=case, recorded_by=owner, form="written")
        Referral.send(case, agency("shelter-ngo"), "shelter", owner)
    client.force_login(receiver)

    first = client.get(reverse("registry:referral_list"))
    second = client.get(reverse("registry:referral_list"), {"waiting_page": 2})

    assert len(first.context["waiting"].object_list) == 10
    assert len(second.context["waiting"].object_list) == 2
    assert "waiting_page=2" in first.content.decode()


def test_my_work_shows_a_few_and_links_to_more(client: Client, owner: User) -> None:
    for _ in range(7):
        a_case(owner, assigned_to=owner)
    client.force_login(owner)

    response = client.get(reverse("home"))

    assert len(response.context["assigned_cases"]) == 5
    assert "?flag=mine&amp;sort=-activity" in response.content.decode()
