"""What a list costs does not grow with the registry: visibility through EXISTS (no DISTINCT
sorting every visible case), counts that stop at COUNT_CAP rows, year choices from one lookup,
and an API call's fixed cost in queries."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palermo.accounts.models import User
from palermo.api.models import ApiToken
from palermo.core import probes
from palermo.justice.access import criminal_cases_visible_to
from palermo.paging import COUNT_CAP, CappedPaginator
from palermo.registry.access import victim_cases_visible_to
from palermo.registry.models import Consent, Person, Referral, VictimCase
from palermo.registry.search import ranked_for_listing


def test_visibility_is_a_filter_not_a_distinct_join(make_user: Callable[..., User]) -> None:
    worker = make_user("worker", "welfare", "case_worker")
    judge = make_user("judge", "court", "judicial_officer")

    cases = str(victim_cases_visible_to(worker).query).upper()
    criminal = str(criminal_cases_visible_to(judge).query).upper()

    assert "DISTINCT" not in cases
    assert "EXISTS" in cases
    assert "DISTINCT" not in criminal
    assert "JOIN" not in criminal


def test_the_list_reads_no_distinct_and_counts_with_a_limit(
    make_user: Callable[..., User],
) -> None:
    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    VictimCase.objects.create(person=person, owning_agency=worker.agency)
    _, token = ApiToken.issue(worker, "test", days=1)

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(
            reverse("api:victim_cases"), headers={"Authorization": f"Bearer {token}"}
        )

    assert response.status_code == 200
    sql = [q["sql"].upper() for q in queries.captured_queries]
    assert not [q for q in sql if "DISTINCT" in q]
    counts = [q for q in sql if "COUNT(" in q]
    assert counts
    assert all("LIMIT" in q for q in counts)
    # The count reads the cases alone: no join for the page's columns, no sort.
    assert all("REGISTRY_PERSON" not in q and "ORDER BY" not in q for q in counts)


def test_an_api_list_costs_four_queries(make_user: Callable[..., User]) -> None:
    """The rate counts (one statement for address and token), the token with its holder and
    roles, the count and the page: no year lookup unless a year is asked for."""
    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    VictimCase.objects.create(person=person, owning_agency=worker.agency)
    _, token = ApiToken.issue(worker, "test", days=1)
    program = Client(headers={"Authorization": f"Bearer {token}"})
    program.get(reverse("api:victim_cases"))  # the token's first use is noted once

    with CaptureQueriesContext(connection) as queries:
        response = program.get(reverse("api:victim_cases"))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert len(queries) == 4, [q["sql"][:80] for q in queries.captured_queries]


def test_a_count_stops_at_the_cap(make_user: Callable[..., User]) -> None:
    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    VictimCase.objects.bulk_create(
        VictimCase(person=person, owning_agency=worker.agency) for _ in range(COUNT_CAP + 5)
    )
    everything = VictimCase.objects.order_by("-opened_at", "-pk")

    paginator = CappedPaginator(everything, 25)

    assert paginator.count == COUNT_CAP
    assert paginator.is_capped
    assert paginator.num_pages == COUNT_CAP // 25
    assert not CappedPaginator(everything[:10], 25).is_capped


@pytest.mark.parametrize("referrals", ["few", "many"])
def test_a_page_checks_referrals_row_by_row_on_postgresql(
    make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch, referrals: str
) -> None:
    """Planned for the whole table, PostgreSQL would hash every referral the agency accepted
    before reading a page (a page then costs more as the registry grows); the page checks the
    rows it reads instead, each by one index lookup, unless the referral table is a few pages
    (hashing those costs less than probing them)."""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    monkeypatch.setattr(probes, "_pages", {})  # no size remembered from another test
    # The 3,000 referrals below stand for a table past the threshold, or under it.
    monkeypatch.setattr(probes, "PROBE_FROM_PAGES", 0 if referrals == "many" else 10_000)
    worker = make_user("worker", "welfare", "case_worker")
    partner = make_user("partner", "shelter-ngo", "case_worker")
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    referred = VictimCase.objects.bulk_create(
        VictimCase(person=person, owning_agency=partner.agency) for _ in range(3000)
    )
    consents = Consent.objects.bulk_create(
        Consent(case=case, recorded_by=partner, form="written") for case in referred
    )
    Referral.objects.bulk_create(
        Referral(
            case=consent.case,
            from_agency=partner.agency,
            to_agency=worker.agency,
            service="shelter",
            consent=consent,
            status="accepted",
            sent_by=partner,
        )
        for consent in consents
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_victimcase")
        cursor.execute("ANALYZE registry_referral")

    page = ranked_for_listing(victim_cases_visible_to(worker))[:25]

    plan = "\n".join(row[0] for row in _explained(page))
    assert ("hashed SubPlan" in plan) == (referrals == "few"), plan
    assert probes.pages_of("registry_referral", connection) > 1  # PostgreSQL's own measure
    assert len(page) == 25


def _explained(queryset: object) -> list[tuple[str]]:
    sql, params = queryset.query.sql_with_params()  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return cursor.fetchall()


def test_an_api_case_read_costs_five_queries(make_user: Callable[..., User]) -> None:
    """The rate counts, the token with its holder, the case with its agency, its person's
    reference and the reader's live emergency grant, the read's audit entry, the stage history."""
    worker = make_user("worker", "welfare", "case_worker")
    person = Person.objects.create(given_name="Ana", recorded_by_agency=worker.agency)
    case = VictimCase.objects.create(person=person, owning_agency=worker.agency)
    _, token = ApiToken.issue(worker, "test", days=1)
    program = Client(headers={"Authorization": f"Bearer {token}"})
    url = reverse("api:victim_case", args=[case.reference])
    program.get(url)  # the token's first use is noted once

    with CaptureQueriesContext(connection) as queries:
        response = program.get(url)

    assert response.status_code == 200
    assert response.json()["person"] == person.reference
    assert response.json()["owning_agency"] == "welfare"
    assert len(queries) == 5, [q["sql"][:80] for q in queries.captured_queries]
