"""The independent generator: same format and truth as the project simulator, its own spellings."""

from collections import Counter

import pandas as pd
import pytest

from palermo_analytics.linkage import read_person_lists
from palermo_analytics.simulate import (
    IndependentWorldConfig,
    World,
    simulate_independent_world,
    write_world,
)
from palermo_analytics.simulate import _independent_names as names
from palermo_analytics.simulate._corruptors import (
    date_error,
    join_or_hyphenate,
    keyboard_typo,
    ocr_error,
    swap_day_month,
)


@pytest.fixture(scope="module")
def independent() -> World:
    return simulate_independent_world(population=1500, seed=5)


def test_the_same_seed_gives_the_same_world_and_another_seed_another() -> None:
    first, second = simulate_independent_world(300, seed=2), simulate_independent_world(300, seed=2)
    pd.testing.assert_frame_equal(first.records, second.records)
    pd.testing.assert_frame_equal(first.persons, second.persons)
    other = simulate_independent_world(300, seed=3)
    assert not first.records["family_name"].equals(other.records["family_name"])


def test_its_files_read_as_person_lists_and_the_truth_covers_every_record(
    independent: World, tmp_path
) -> None:
    paths = write_world(independent, tmp_path)
    lists = read_person_lists([p for p in paths if p.stem in independent.sources])

    assert len(lists) == len(independent.records)
    truth = independent.truth()
    assert set(truth["person_id"]) <= set(independent.persons["person_id"])
    assert independent.sources == ["police", "ngo", "shelter", "hotline", "labour", "consulate"]


def test_capture_histories_count_each_seen_person_once(independent: World) -> None:
    histories = independent.true_capture_histories()
    seen = independent.records["person_id"].nunique()
    assert histories["count"].sum() == seen
    assert 0 < seen < independent.population


def test_records_carry_the_corruptions_that_shaped_them(independent: World) -> None:
    causes = Counter(c for text in independent.records["corruptions"] for c in text.split(";"))
    for cause in ("typo", "phonetic", "transliteration", "romanisation", "russian_form",
                  "age_only", "missing_document", "document_ocr", "middle_initial"):  # fmt: skip
        assert causes[cause] > 0, cause


def test_family_members_share_a_phone(independent: World) -> None:
    households = independent.persons[independent.persons["household"] != ""]
    shared = households.groupby("household")["phone"].nunique()
    assert (households.groupby("household").size() > 1).any()
    assert (shared == 1).all()


def test_list_names_other_than_the_known_ones_get_a_default_practice() -> None:
    config = IndependentWorldConfig.for_lists(["police", "church"], population=10)
    assert [agency.name for agency in config.agencies] == ["police", "church"]
    with pytest.raises(ValueError, match="distinct"):
        IndependentWorldConfig.for_lists(["a"], 10).__class__(agencies=())


@pytest.mark.parametrize(
    ("jyutping", "hong_kong", "macao"),
    [("wong4", "wong", "vong"), ("joeng4", "yeung", "ieong"), ("jiu6", "yiu", "iu"),
     ("gwan1", "kwan", "kuan"), ("fai1", "fai", "fai"), ("zoeng1", "cheung", "cheong"),
     ("lei5", "lee", "lei"), ("si1", "sze", "sze")],
)  # fmt: skip
def test_cantonese_spellings_follow_registry_practice(
    jyutping: str, hong_kong: str, macao: str
) -> None:
    assert names.cantonese_spelling(jyutping) == hong_kong
    assert names.cantonese_spelling(jyutping, macao=True) == macao


def test_wade_giles_and_cyrillic_schemes() -> None:
    assert [names.wade_giles(p) for p in ("xiao", "zhang", "qiang", "cui")] == [
        "hsiao", "chang", "chiang", "tsuei",
    ]  # fmt: skip
    assert names.transliterate("Галина", "ukrainian_2010") == "Halyna"
    assert names.transliterate("Галина", "icao_passport") == "Galina"
    assert names.transliterate("Жуков", "german") == "Schukow"
    assert names.transliterate("Юлія", "ukrainian_2010") == "Yuliia"


def test_corruptors_change_what_they_should() -> None:
    import random
    from datetime import date

    rnd = random.Random(1)
    assert keyboard_typo("Maricel", rnd) != "Maricel"
    assert ocr_error("E10508", rnd) != "E10508"
    assert swap_day_month(date(1990, 3, 7)) == date(1990, 7, 3)
    assert swap_day_month(date(1990, 3, 17)) == date(1990, 3, 17)
    assert date_error(date(1990, 3, 17), rnd) != date(1990, 3, 17)
    assert join_or_hyphenate("Mary Joy", rnd) in ("Maryjoy", "Mary-Joy", "Mary")
