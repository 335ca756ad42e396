from collections.abc import Callable

import pytest

from palermo.accounts.models import User
from palermo.privacy.blind_index import normalise_document, normalise_name
from palermo.registry.models import Person


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("CHAN Tai Man", "Tai-Man Chan"),
        ("  João   da Silva ", "joao DA silva"),
        ("Đặng Thị Hoa", "dang thi hoa"),
    ],
)
def test_names_match_whatever_their_case_accents_punctuation_or_order(
    left: str, right: str
) -> None:
    assert normalise_name(left) == normalise_name(right)


@pytest.mark.parametrize(("left", "right"), [("ab-123 456", "AB123456"), ("E 1234567", "e1234567")])
def test_document_numbers_ignore_spaces_dashes_and_case(left: str, right: str) -> None:
    assert normalise_document(left) == normalise_document(right)


def test_exact_search_finds_a_person_by_name_alias_or_document(
    make_user: Callable[..., User],
) -> None:
    agency = make_user("worker", "welfare", "case_worker").agency
    person = Person.objects.create(
        given_name="Thị Hoa",
        family_name="Đặng",
        aliases=["Hoa Dang"],
        document_numbers=[{"kind": "passport", "number": "C1234567"}],
        recorded_by_agency=agency,
    )
    Person.objects.create(given_name="Other", family_name="Person", recorded_by_agency=agency)

    assert list(Person.objects.with_exact_name("dang thi hoa")) == [person]
    assert list(Person.objects.with_exact_name("HOA DANG")) == [person]
    assert list(Person.objects.with_document_number("c-123 4567")) == [person]
    assert not Person.objects.with_exact_name("Dang Hoa Thi Extra").exists()


def test_search_keys_follow_a_changed_name(make_user: Callable[..., User]) -> None:
    agency = make_user("worker", "welfare", "case_worker").agency
    person = Person.objects.create(given_name="Ana", family_name="Lima", recorded_by_agency=agency)

    person.family_name = "Costa"
    person.save()

    assert not Person.objects.with_exact_name("Ana Lima").exists()
    assert Person.objects.with_exact_name("Ana Costa").get() == person
