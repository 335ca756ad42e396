"""One person against another for the duplicate warning: the same standardisation as the batch
linkage (romanisation, diacritics, name order), and age against year of birth."""

import pytest

from palermo_analytics.linkage import (
    PersonFacts,
    birth_year_of,
    compare_persons,
    name_sound_keys,
    name_token_keys,
)

LAN = PersonFacts(("Thi Lan Nguyen",), "female", 2002, "VN")


def test_diacritics_and_order_give_the_same_token_keys() -> None:
    assert name_token_keys("Vũ Phạm", "VN") == name_token_keys("Pham Vu", "VN")
    assert name_token_keys("Nguyễn Thị Lan") == name_token_keys("Lan NGUYEN thi")
    assert name_token_keys("Nguyen") <= name_token_keys("Thi Lan Nguyen")


def test_sound_keys_meet_a_heard_spelling() -> None:
    assert name_sound_keys("Gabryela") == name_sound_keys("Gabriela")
    assert name_sound_keys("Gabriela") != name_sound_keys("Maria")


def test_the_same_person_in_another_name_order_is_a_likely_match() -> None:
    again = PersonFacts(("Nguyen Thi Lan",), "female", 2002, "VN")

    assert compare_persons(again, LAN).likely
    assert compare_persons(again, LAN).score == pytest.approx(1.0)


def test_an_estimated_age_meets_a_year_of_birth() -> None:
    # Age 24 recorded in 2026, against a year of birth of 2002 (or 2001: birthday not yet come).
    assert birth_year_of(None, 24, 2026) == 2002
    for year in (2001, 2002, 2003):
        assert compare_persons(PersonFacts(("Nguyen Thi Lan",), "female", year, "VN"), LAN).likely


@pytest.mark.parametrize(
    "other",
    [
        PersonFacts(("Mai Tran",), "female", 2002, "VN"),  # another name, all else equal
        PersonFacts(("Thi Lan Nguyen",), "male", 2002, "VN"),  # another sex
        PersonFacts(("Thi Lan Nguyen",), "female", 1980, "VN"),  # twenty years apart
        PersonFacts(("Thi Hoa Nguyen",), "female", 2002, "VN"),  # another given name
    ],
)
def test_what_tells_two_people_apart(other: PersonFacts) -> None:
    assert not compare_persons(other, LAN).likely


def test_missing_facts_count_neither_way() -> None:
    bare = PersonFacts(("Pham Vu",))

    assert compare_persons(bare, PersonFacts(("Vũ Phạm",), "male", 1990, "VN")).likely
    assert compare_persons(PersonFacts(("",)), LAN).score == 0.0
