"""Statements compiled once per shape (core/statements.py): the API's case list from them gives
each caller what the ORM's own query gives that caller, whoever called first with the same shape;
a builder that hides a value from the slots is refused."""

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.accounts.shapes import CALLER_SLOTS, caller_values
from palermo.api.routers.justice_paging import page_of_criminal_cases
from palermo.api.routers.registry_paging import page_of_cases, page_of_listed_cases
from palermo.core import statements
from palermo.jurisdiction.models import LegalProvision
from palermo.justice.access import criminal_cases_visible_to
from palermo.justice.forms import CaseFilterForm as JusticeFilterForm
from palermo.justice.models import JudicialAuthorisation
from palermo.registry.access import victim_case_read_by, victim_cases_visible_to
from palermo.registry.listing import filter_cases
from palermo.registry.models import (
    BreakGlassGrant,
    Person,
    Stage,
    VictimCase,
)
from palermo.registry.models.referral import ReferralStatus
from tests.cast import Justice, refer


def opened_by(user: User, stage: str = Stage.REFERRED) -> VictimCase:
    person = Person.objects.create(
        given_name="Test", family_name="Person", recorded_by_agency=user.agency
    )
    case = VictimCase.objects.create(person=person, owning_agency=user.agency, opened_by=user)
    VictimCase.objects.filter(pk=case.pk).update(stage=stage)
    return case


def granted(case: VictimCase, user: User, expires_at: datetime) -> None:
    BreakGlassGrant.objects.create(case=case, user=user, reason="r", expires_at=expires_at)


def by_the_orm(user: User, filters: dict[str, Any], page: int = 1) -> dict[str, Any]:
    return page_of_cases(filter_cases(victim_cases_visible_to(user), filters), page)


@pytest.fixture
def callers(make_user: Callable[..., User]) -> list[User]:
    """Callers of every shape the case rules know, two of several shapes (one compiles, the
    other reuses), with cases that each sees for a different reason."""
    welfare = make_user("w1", "welfare", "case_worker")
    welfare_too = make_user("w2", "welfare", "case_worker")
    shelter = make_user("s1", "shelter-ngo", "case_worker")
    police_worker = make_user("p1", "police", "case_worker")
    screener = make_user("sc1", "police", "screener")
    screener_too = make_user("sc2", "police", "screener")
    both = make_user("b1", "police", "screener", "case_worker")
    gone = make_user("g1", "welfare", "case_worker")
    gone.is_active = False
    gone.save()
    analyst = make_user("a1", "welfare", "analyst")
    stateless = make_user("n1", "welfare", "case_worker")
    stateless.agency = None
    stateless.save()

    for _ in range(3):
        opened_by(welfare)
    accepted, pending = opened_by(welfare), opened_by(welfare_too, Stage.SCREENING)
    refer(accepted, shelter.agency, ReferralStatus.ACCEPTED)
    refer(pending, shelter.agency, ReferralStatus.SENT)
    for _ in range(2):
        opened_by(screener, Stage.SCREENING)
    opened_by(screener_too, Stage.SCREENING)
    opened_by(police_worker)
    granted(opened_by(welfare), police_worker, timezone.now() + timedelta(hours=1))
    granted(opened_by(welfare), police_worker, timezone.now() - timedelta(hours=1))
    granted(opened_by(welfare), shelter, timezone.now() + timedelta(hours=1))
    return [
        welfare,
        shelter,
        police_worker,
        screener,
        welfare_too,
        screener_too,
        both,
        gone,
        analyst,
        stateless,
    ]


FILTERS: list[dict[str, Any]] = [{}, {"stage": Stage.SCREENING}, {"stage": Stage.REFERRED}]


@pytest.mark.parametrize("filters", FILTERS)
def test_each_caller_gets_what_the_orm_gives_them(
    callers: list[User], filters: dict[str, Any]
) -> None:
    for user in callers:
        assert page_of_listed_cases(user, filters, 1) == by_the_orm(user, filters), user.username


def test_the_year_and_agency_filters_and_a_page_past_the_end(
    callers: list[User], agency: Callable[[str], Any]
) -> None:
    year = timezone.now().year
    for filters in ({"year": year}, {"year": year - 1}, {"agency": agency("welfare")}):
        for user in callers:
            assert page_of_listed_cases(user, filters, 1) == by_the_orm(user, filters)
    for user in callers:
        assert page_of_listed_cases(user, {}, 7) == by_the_orm(user, {}, 7)


def test_an_emergency_grant_counts_until_it_ends_with_the_statement_already_made(
    callers: list[User], monkeypatch: pytest.MonkeyPatch
) -> None:
    police_worker = callers[2]
    before = page_of_listed_cases(police_worker, {}, 1)["count"]
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr("palermo.api.routers.registry_paging.timezone.now", lambda: later)

    assert page_of_listed_cases(police_worker, {}, 1)["count"] == before - 1


def test_a_builder_that_reads_the_clock_itself_is_refused(callers: list[User]) -> None:
    def clocked(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        return VictimCase.objects.filter(opened_at__lt=timezone.now()).values("reference")

    with pytest.raises(statements.ShapeError, match="parameter"):
        statements.rows("clocked", clocked, CALLER_SLOTS, caller_values(callers[0], timezone.now()))


def test_a_builder_that_writes_a_value_into_the_sql_is_refused(callers: list[User]) -> None:
    def written(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        inlined = f"id <> {int(stand_ins['user'])}"
        # Deliberately what the module must refuse: an (integer) value written into the SQL.
        return VictimCase.objects.extra(where=[inlined]).values("reference")  # noqa: S610

    with pytest.raises(statements.ShapeError, match="SQL changes"):
        statements.rows("written", written, CALLER_SLOTS, caller_values(callers[0], timezone.now()))


def test_the_rows_come_back_as_the_orm_converts_them(callers: list[User]) -> None:
    def opened(stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
        return VictimCase.objects.filter(opened_by=stand_ins["user"]).values("opened_at")

    found = statements.rows(
        "opened", opened, CALLER_SLOTS, caller_values(callers[0], timezone.now())
    )

    assert found == list(VictimCase.objects.filter(opened_by=callers[0]).values("opened_at"))
    assert all(isinstance(row["opened_at"], datetime) for row in found)


def test_each_caller_reads_the_cases_the_orm_lets_them_read(callers: list[User]) -> None:
    for user in callers:
        for case in VictimCase.objects.order_by("pk"):
            expected = victim_cases_visible_to(user).filter(pk=case.pk).exists()
            try:
                read = victim_case_read_by(user, case.reference)
            except Http404:
                assert not expected, (user.username, case.reference)
            else:
                assert expected, (user.username, case.reference)
                assert (read.pk, read.owning_agency.code) == (case.pk, case.owning_agency.code)
                assert read.person_reference == case.person.reference  # type: ignore[attr-defined]


def test_each_justice_caller_lists_what_the_orm_gives_them(
    justice: Justice, make_user: Callable[..., User]
) -> None:
    provisions = list(LegalProvision.objects.order_by("code")[:2])
    justice.open_case().provisions.set(provisions)
    justice.case_with_prosecution().provisions.set(provisions[:1])
    justice.case_at_trial()
    asked_for_a_warrant = justice.open_case()
    JudicialAuthorisation.objects.create(
        case=asked_for_a_warrant,
        kind="search",
        court=justice.other_judge.agency,
        requested_by=justice.investigator,
        scope="x",
    )
    both = make_user("both", "court", Role.JUDICIAL_OFFICER, Role.PROSECUTOR)
    everyone = [*vars(justice).values(), both]
    for filters in ({}, {"stage": "investigation"}):
        for user in everyone:
            form = JusticeFilterForm(filters, years=[])
            assert form.is_valid()
            ordered = form.filter(criminal_cases_visible_to(user)).order_by("-reported_on", "pk")
            expected = [
                (case.reference, sorted(p.code for p in case.provisions.all())) for case in ordered
            ]
            found = page_of_criminal_cases(user, form, 1)["results"]
            assert [(i["reference"], i["offences"]) for i in found] == expected, user.username
