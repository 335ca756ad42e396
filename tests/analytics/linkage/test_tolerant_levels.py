"""Comparison levels that tolerate the errors clerks and scanners make, checked in DuckDB."""

import duckdb
import pytest

from palermo_analytics.linkage._model import date_of_birth_comparison, document_comparison
from palermo_analytics.linkage._standardise import normalise_document, ocr_key


def level_of(comparison, left: dict, right: dict) -> str:
    """The label of the first level of `comparison` that the pair meets, as Splink evaluates it."""
    levels = comparison.get_comparison("duckdb").comparison_levels
    columns = [f"{_literal(value)} as {name}_l" for name, value in left.items()]
    columns += [f"{_literal(value)} as {name}_r" for name, value in right.items()]
    cases = " ".join(
        f"else {level.label_for_charts!r}"
        if level.sql_condition == "ELSE"
        else f"when {level.sql_condition} then {level.label_for_charts!r}"
        for level in levels
    )
    sql = f"select case {cases} end from (select {', '.join(columns)})"  # noqa: S608
    return duckdb.sql(sql).limit(1).fetchall()[0][0]


def _literal(value: object) -> str:
    return "null" if value is None else repr(value)


def dated(text: str) -> dict:
    year, month, day = (int(part) for part in text.split("-"))
    return {"birth_year": year, "birth_month": month, "birth_day": day, "dob": text,
            "birth_year_estimated": False}  # fmt: skip


def aged(year: int) -> dict:
    return {"birth_year": year, "birth_month": None, "birth_day": None, "dob": None,
            "birth_year_estimated": True}  # fmt: skip


@pytest.mark.parametrize(
    ("one", "other", "level"),
    [
        ("1990-03-07", "1990-07-03", "day and month transposed"),
        ("1989-03-25", "1988-03-25", "same day and month, year one apart"),
        ("1999-09-16", "1999-09-17", "one digit apart"),  # a day mistyped
        ("1999-09-16", "1999-09-26", "one digit apart"),  # ten days: one digit
        ("1999-09-16", "1999-09-27", "same year and month"),  # two digits: no longer a typo
        ("1999-09-16", "1999-11-03", "same year"),
        ("1999-09-16", "1993-09-16", "one digit apart"),
        ("1999-09-16", "1990-02-01", "all other"),
    ],
)
def test_a_date_with_one_slip_keeps_a_level_of_its_own(one: str, other: str, level: str) -> None:
    found = level_of(date_of_birth_comparison(), dated(one), dated(other))

    assert found.lower().startswith(level)


@pytest.mark.parametrize(
    ("gap", "level"),
    [(1, "age agrees"), (3, "age within 3 years"), (5, "age within 5 years"), (6, "all other")],
)
def test_an_age_agrees_with_a_date_within_its_own_tolerance(gap: int, level: str) -> None:
    found = level_of(date_of_birth_comparison(), dated("1990-05-05"), aged(1990 + gap))

    assert found.lower().startswith(level)


@pytest.mark.parametrize(
    ("one", "other"),
    [("E638S8981", "E63858981"), ("L0593202", "10593202"), ("P7484I70C", "P7484170C"),
     ("KB1234O6", "K81234O6"), ("AM12345", "ARN12345")],
)  # fmt: skip
def test_document_numbers_that_a_scanner_confused_share_a_key(one: str, other: str) -> None:
    assert ocr_key(normalise_document(one)) == ocr_key(normalise_document(other))


def test_the_ocr_key_keeps_different_digits_apart_and_is_stable() -> None:
    key = ocr_key("E63858981")

    assert ocr_key("E63858982") != key
    assert ocr_key(key) == key
    assert ocr_key(None) is None


def test_a_document_misread_by_a_scanner_scores_above_a_typo() -> None:
    def document(text: str) -> dict:
        number = normalise_document(text)
        return {"document": number, "document_ocr": ocr_key(number)}

    comparison = document_comparison()

    assert level_of(comparison, document("E638S8981"), document("E63858981")) == (
        "same but for OCR"
    )
    assert level_of(comparison, document("E63858981"), document("E63858987")).startswith(
        "Levenshtein"
    )
