"""The case list and the search through the API: only the cases the caller may see, the page's
filters, pages of 25, references and codes instead of names, and a name only ever in a body."""

from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.registry.models import Person, Stage, VictimCase
from tests.api.program import Headers


def open_case(
    owner: User, given_name: str = "Lan", family_name: str = "Okonkwo-Reyes"
) -> VictimCase:
    person = Person.objects.create(
        given_name=given_name,
        family_name=family_name,
        document_numbers=[{"kind": "passport", "number": "P0123987"}],
        recorded_by_agency=owner.agency,
    )
    return VictimCase.objects.create(person=person, owning_agency=owner.agency, opened_by=owner)


def listed(program: Client, headers: dict[str, str], **query: Any) -> Any:
    return program.get(reverse("api:victim_cases"), query, headers=headers)


def search(program: Client, headers: dict[str, str], **body: Any) -> Any:
    return program.post(
        reverse("api:victim_case_search"), body, content_type="application/json", headers=headers
    )


def test_the_list_holds_the_visible_cases_by_reference_not_by_name(
    program: Client, case: VictimCase, worker: User, outsider: User, bearer: Headers
) -> None:
    open_case(outsider)

    response = listed(program, bearer(worker))

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "page": 1,
        "pages": 1,
        "count_is_exact": True,
        "results": [
            {
                "reference": case.reference,
                "stage": "referred",
                "owning_agency": "welfare",
                "opened_at": case.opened_at.isoformat(),
            }
        ],
    }
    assert "Ana" not in response.content.decode()


def test_an_agency_without_the_case_lists_nothing_of_it(
    program: Client, case: VictimCase, outsider: User, bearer: Headers
) -> None:
    response = listed(program, bearer(outsider))

    assert response.json()["count"] == 0


def test_the_list_is_filtered_with_the_pages_filters(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    other = open_case(worker)
    VictimCase.objects.filter(pk=other.pk).update(stage=Stage.SCREENING)

    response = listed(program, bearer(worker), stage="screening", year=other.opened_at.year)

    assert [item["reference"] for item in response.json()["results"]] == [other.reference]


def test_a_filter_the_form_refuses_is_located_in_the_query(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = listed(program, bearer(worker), stage="somewhere", form="labour")

    assert response.status_code == 422
    locations = [problem["loc"] for problem in response.json()["detail"]]
    assert locations == [["query", "stage"]]


def test_the_list_comes_in_pages_of_25_newest_first(
    program: Client, worker: User, bearer: Headers
) -> None:
    cases = [open_case(worker) for _ in range(26)]

    response = listed(program, bearer(worker), page=2)

    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (26, 2, 2)
    assert [item["reference"] for item in body["results"]] == [cases[0].reference]


def test_a_page_number_below_one_is_refused(program: Client, worker: User, bearer: Headers) -> None:
    response = listed(program, bearer(worker), page=0)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "page"


def test_a_case_is_found_by_the_exact_name_and_the_search_is_audited_without_it(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    wanted = open_case(worker, "Lan", "Okonkwo-Reyes")

    response = search(program, bearer(worker), name="lan okonkwo-reyes")

    assert response.status_code == 200
    assert [item["reference"] for item in response.json()["results"]] == [wanted.reference]
    audit = AuditEntry.objects.get(action="search")
    assert audit.changes == {"by": ["name"], "found": 1}
    assert "Okonkwo" not in str(audit.changes) + audit.reason + audit.object_ref


def test_a_case_is_found_by_a_document_number(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    wanted = open_case(worker)

    response = search(program, bearer(worker), document_number="p0123987")

    assert [item["reference"] for item in response.json()["results"]] == [wanted.reference]


def test_the_search_finds_only_among_the_visible_cases(
    program: Client, worker: User, outsider: User, bearer: Headers
) -> None:
    open_case(outsider, "Lan", "Okonkwo-Reyes")

    response = search(program, bearer(worker), name="Lan Okonkwo-Reyes")

    assert response.json()["count"] == 0


def test_the_search_combines_a_reference_with_the_filters(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    by_reference = search(program, bearer(worker), reference=case.reference.lower())
    filtered_out = search(program, bearer(worker), reference=case.reference, stage="closed")

    assert by_reference.json()["results"][0]["reference"] == case.reference
    assert filtered_out.json()["count"] == 0
    assert not AuditEntry.objects.filter(action="search").exists()  # nothing personal asked


def test_a_search_without_criteria_finds_nothing(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = search(program, bearer(worker))

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_search_field_the_form_refuses_answers_field_by_field(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    response = search(program, bearer(worker), name="x" * 201)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "name"  # the schema refuses it first


def test_the_agency_filter_takes_the_agency_code(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    own = listed(program, bearer(worker), agency="welfare")
    unknown = listed(program, bearer(worker), agency="nowhere")

    assert [item["reference"] for item in own.json()["results"]] == [case.reference]
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["query", "agency"]
