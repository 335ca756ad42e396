"""Blocking: pairs whose name keys or birth years differ a little are still compared."""

import pandas as pd
import pytest
from splink.blocking_analysis import count_comparisons_from_blocking_rules

from palermo_analytics.linkage import palermo_model, standardise
from palermo_analytics.linkage._engines import close, database_api
from palermo_analytics.linkage._standardise import BIRTH_WINDOW
from palermo_analytics.person_list_format import PERSON_LIST_COLUMNS


def record(name: str, *, born: str = "", age: str = "", document: str = "") -> dict:
    given, family = name.split(" ")
    return dict.fromkeys(PERSON_LIST_COLUMNS, "") | {
        "record_id": name, "source": "police", "given_name": given, "family_name": family,
        "nationality": "TH", "sex": "F", "date_of_birth": born, "age": age,
        "document_number": document, "recorded_on": "2023-06-30",
    }  # fmt: skip


def compared(one: dict, other: dict) -> int:
    """How many pairs the model's blocking rules bring to be scored among the two records."""
    frame = standardise(pd.DataFrame([one, other]))
    db_api = database_api("duckdb")
    try:
        records = db_api.register(frame, dataset_display_name="records")
        counts = count_comparisons_from_blocking_rules(
            records,
            blocking_rules=palermo_model().blocking_rules,
            link_type="dedupe_only",
            record_sample_proportion=1.0,
        )
    finally:
        close(db_api, "duckdb")
    return int(counts[-1]["cumulative_comparison_count"])


def test_a_misheard_name_with_an_age_a_few_years_off_is_compared() -> None:
    # No name key, no token and no birth year in common: only the sound of a token and a
    # birth-year window bring them together (an age said at an interview is often 2-3 years off).
    one, other = record("Kanya Boonme", age="18"), record("Ganya Bunmee", born="2002-03-01")

    assert compared(one, other) == 1


def test_a_document_number_misread_by_a_scanner_is_compared() -> None:
    one = record("Somchai Boonmee", document="E638S8981")
    other = record("Anong Srisuk", document="E63858981")

    assert compared(one, other) == 1


def test_names_that_sound_different_are_not_compared_across_years() -> None:
    assert compared(record("Kanya Boonme", age="18"), record("Anong Srisuk", age="19")) == 0


@pytest.mark.parametrize("gap", range(BIRTH_WINDOW // 2 + 1))
def test_birth_years_within_half_a_window_share_a_window(gap: int) -> None:
    for year in range(1980, 1980 + BIRTH_WINDOW):
        pair = [record("A B", born=f"{year}-01-01"), record("A B", born=f"{year + gap}-01-01")]
        frame = standardise(pd.DataFrame(pair))
        same = frame["birth_window"].nunique() == 1 or frame["birth_window_shifted"].nunique() == 1

        assert same, (year, gap)
