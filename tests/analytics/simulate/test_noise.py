"""Each kind of noise the issue lists shows up in the records."""

import re

import pandas as pd
import pytest


def about(world, culture: str) -> pd.DataFrame:
    people = world.persons.set_index("person_id")["culture"]
    return world.records[world.records["person_id"].map(people) == culture]


def spellings_of_one_person(records: pd.DataFrame, column: str) -> pd.Series:
    return records.groupby("person_id")[column].nunique()


def test_chinese_surnames_appear_in_several_romanisations(world) -> None:
    surnames = set(about(world, "chinese")["family_name"].str.lower())

    assert {"chan", "chen"} <= surnames or {"wong", "huang"} <= surnames
    assert surnames & {"cheung", "cheong", "leung", "leong", "ng", "tsang", "chow", "chao"}


def test_cyrillic_names_appear_in_cyrillic_and_in_several_transliterations(world) -> None:
    names = " ".join(about(world, "east_slavic")["full_name"])

    assert re.search("[а-яА-ЯіїєІЇЄ]", names)
    assert re.search(r"\b(Yu|Iu)", names)


def test_vietnamese_names_come_with_and_without_diacritics(world) -> None:
    names = about(world, "vietnamese")["family_name"]

    assert names.str.contains("Nguyễn|Trần|Đặng").any()
    assert names.str.contains("Nguyen|Tran|Dang").any()


@pytest.mark.parametrize(
    ("column", "pattern"),
    [
        ("date_of_birth", r"^\d{4}-\d{2}-\d{2}$"),  # full date
        ("date_of_birth", r"^\d{4}-\d{2}$"),  # day missing
        ("date_of_birth", r"^\d{4}$"),  # year only
        ("date_of_birth", r"^$"),  # missing (an estimated age, or nothing)
        ("age", r"^\d+$"),
        ("aliases", r"\w"),
        ("document_number", r"^$"),
        ("document_number", r"^[a-z]{2}\d+$"),  # written in lower case
        ("phone", r"^\+\d+$"),  # E.164
        ("phone", r"^00\d+ \d+$"),  # international prefix
        ("phone", r"^\d{8}$"),  # national number alone
        ("phone", r"^\(\+\d+\) "),  # country code in brackets
        ("sex", r"^$"),
        ("nationality", r"^$"),
        ("given_name", r"^$"),
    ],
)
def test_records_vary_in_form(world, column: str, pattern: str) -> None:
    assert world.records[column].str.contains(pattern).any()


def test_some_people_are_recorded_with_names_in_swapped_order(world) -> None:
    chinese = about(world, "chinese")
    family_last = chinese[
        chinese.apply(
            lambda r: r["full_name"].endswith(r["family_name"]) and r["family_name"] != "", axis=1
        )
    ]
    assert len(family_last) > 0


def test_some_people_change_documents_between_lists(world) -> None:
    documents = world.records[world.records["document_number"] != ""]

    assert (spellings_of_one_person(documents, "document_number") > 1).any()


def test_some_lists_record_a_person_twice(world) -> None:
    assert world.records.duplicated(["source", "person_id"]).any()
