"""Spelling variants meet in one key; different names do not. Phones, documents, dates too."""

import pandas as pd
import pytest

from palermo_analytics.linkage import standardise
from palermo_analytics.linkage._names import name_keys, representative_key
from palermo_analytics.linkage._standardise import normalise_document, normalise_phone


def key(name: str) -> str | None:
    return representative_key(name_keys(name))


def candidates(name: str) -> set[str]:
    return {k for token in name_keys(name) for k in token}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Chan Tai Man", "Chen Dawen"),  # Cantonese (HK) vs Mandarin pinyin, joined given name
        ("Cheung Siu Ming", "Zhang Xiaoming"),
        ("Ng Mei Ling", "Wu Meiling"),
        ("Lee Wai", "Li Wei"),
        ("Tsang Kin", "Zeng Jian"),
        ("Chow Ming", "Zhou Ming"),
        ("Cheong Meng", "Zhang Ming"),  # Macao spellings
        ("Hsiao-ming Chang", "Zhang Xiaoming"),  # Wade-Giles
        ("Au Yeung Ka", "Ouyang Jia"),  # two-character surname
        ("Xiaoming Zhang", "ZHANG Xiaoming"),  # order and case
        ("Yuriy Ivanov", "Iurii Ivanov"),  # BGN/PCGN vs ICAO 9303
        ("Юрий Иванов", "Yuriy Ivanov"),  # Cyrillic script
        ("Tatyana Kuznetsova", "Tatiana Kuznetsova"),
        ("Mikhail Khodorkovsky", "Mihail Hodorkovskiy"),
        ("Олександр Шевченко", "Oleksandr Shevchenko"),  # Ukrainian national system
        ("Nguyễn Thị Hương", "Nguyen Thi Huong"),  # diacritics
        ("Maria da Silva", "Silva, Maria"),  # particles and punctuation
        ("Mary-Grace  Dela Cruz", "Mary Grace Cruz"),
    ],
)
def test_variants_of_one_name_share_a_key(one: str, other: str) -> None:
    assert key(one) == key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Wong Siu Ming", "Wang Xiaoming"),  # Wong is 黃 Huang or 王 Wang: candidates meet
        ("Chan Wai", "Chen Hui"),  # 慧 is wai in Cantonese, hui in pinyin
        ("Leung Ka Yan", "Liang Jiaxin"),  # yan: 燕 yan, or 欣 xin in Cantonese
        ("Au Yeung Ka Ho", "Ouyang Jiahao"),  # ho: the surname 何 he, or 浩 hao
    ],
)
def test_ambiguous_romanisations_share_a_candidate_key(one: str, other: str) -> None:
    assert len(candidates(one) & candidates(other)) >= 2


@pytest.mark.parametrize(
    ("one", "other"),
    [("Chan Tai Man", "Wong Tai Man"), ("Nguyen Van An", "Tran Van An"), ("Ivan", "Ivanov")],
)
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert key(one) != key(other)


@pytest.mark.parametrize(
    ("text", "nationality", "expected"),
    [
        ("+853 6612 3456", "", "+85366123456"),
        ("66123456", "", "+85366123456"),  # a Macao number in national form
        ("00853 66123456", "", "+85366123456"),
        ("(+853) 6612-3456", "", "+85366123456"),
        ("0912 345 678", "VN", "+84912345678"),  # national form of the person's own country
        ("", "VN", None),
    ],
)
def test_phone_numbers_are_normalised_to_e164(text: str, nationality: str, expected) -> None:
    assert normalise_phone(text, nationality, "MO") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("E1234 5678", "E12345678"), ("e12345678", "E12345678"), ("e-1", None), ("", None)],
)
def test_document_numbers_keep_letters_and_digits(text: str, expected) -> None:
    assert normalise_document(text) == expected


BLANK_COLUMNS = ("given_name", "family_name", "full_name", "aliases", "sex", "nationality")
BLANK_COLUMNS += ("document_number", "phone")


def test_partial_dates_and_ages_become_birth_years() -> None:
    lists = pd.DataFrame(
        {
            "source": ["a", "a", "a", "a"],
            "date_of_birth": ["1990-05-17", "1990-05", "1990", ""],
            "age": ["", "", "", "30"],
            "recorded_on": ["", "", "", "2020-06-01"],
        }
    ).assign(
        **dict.fromkeys(
            (
                "given_name",
                "family_name",
                "full_name",
                "aliases",
                "document_number",
                "phone",
                "nationality",
                "sex",
            ),
            "",
        )
    )
    frame = standardise(lists)

    assert frame["birth_year"].tolist() == [1990, 1990, 1990, 1990]
    assert frame["birth_month"].tolist()[:2] == [5, 5]
    assert frame["dob"].tolist()[0] == "1990-05-17"
    assert pd.isna(frame["dob"].iloc[1])
    assert frame["birth_year_estimated"].tolist() == [False, False, False, True]
