"""Bad person lists are refused with the file, row and column at fault."""

from pathlib import Path

import pytest

from palermo_analytics.linkage import PERSON_LIST_COLUMNS, PersonListError, read_person_lists

HEADER = ",".join(PERSON_LIST_COLUMNS)
GOOD_ROW = "R1,police,Tai Man,Chan,,,M,1990-05-17,,MO,E1234567,66123456,2024-03-01"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def refusal(*paths: Path) -> PersonListError:
    with pytest.raises(PersonListError) as caught:
        read_person_lists(paths)
    return caught.value


def test_a_good_list_is_read_with_every_column(tmp_path: Path) -> None:
    path = write(tmp_path, "police.csv", f"\ufeff{HEADER},extra\n{GOOD_ROW},ignored\n")

    frame = read_person_lists([path])

    assert list(frame.columns) == list(PERSON_LIST_COLUMNS)
    assert frame.loc[0, "family_name"] == "Chan"


def test_optional_columns_may_be_left_out(tmp_path: Path) -> None:
    path = write(tmp_path, "ngo.csv", "record_id,source,full_name\nN1,ngo,Chan Tai Man\n")

    assert read_person_lists([path]).loc[0, "date_of_birth"] == ""


@pytest.mark.parametrize(
    ("text", "row", "column", "problem"),
    [
        ("source,full_name\npolice,A\n", 1, "record_id", "required column"),
        ("record_id,source,sex\nR1,police,F\n", None, None, "name column"),
        (f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n", 3, "record_id", "repeats police.csv row 2"),
        (f"{HEADER}\n{GOOD_ROW.replace('1990-05-17', '1990-02-30')}\n", 2, "date_of_birth", "date"),
        (f"{HEADER}\n{GOOD_ROW.replace('1990-05-17', '17/05/1990')}\n", 2, "date_of_birth", "date"),
        (f"{HEADER}\n{GOOD_ROW.replace(',M,', ',male,')}\n", 2, "sex", "F, M, X"),
        (f"{HEADER}\n{GOOD_ROW.replace(',MO,', ',MAC,')}\n", 2, "nationality", "ISO 3166"),
        (f"{HEADER}\n{GOOD_ROW.replace(',,MO', ',abc,MO')}\n", 2, "age", "whole number"),
        (f"{HEADER}\n{GOOD_ROW.replace(',police,', ',the police,')}\n", 2, "source", "letters"),
        (f"{HEADER}\n{GOOD_ROW.replace('R1,', ',')}\n", 2, "record_id", "empty"),
        ("record_id,source,full_name,full_name\n", 1, "full_name", "repeats a column"),
        ("", 1, None, "empty"),
    ],
)
def test_a_bad_list_is_refused_naming_row_and_column(
    tmp_path: Path, text: str, row: int | None, column: str | None, problem: str
) -> None:
    error = refusal(write(tmp_path, "police.csv", text))

    assert (error.row, error.column) == (row, column)
    assert problem in str(error)
    assert str(error).startswith("police.csv")


def test_bytes_that_are_not_utf8_are_refused_naming_row_and_column(tmp_path: Path) -> None:
    latin1 = f"{HEADER}\n{GOOD_ROW}\nR2,police,José,Gonçalves,,,M,,,PT,,,\n".encode("latin-1")

    error = refusal(write(tmp_path, "police.csv", latin1))

    assert (error.row, error.column) == (3, "given_name")
    assert "UTF-8" in str(error)


def test_a_record_id_repeated_in_another_file_of_the_same_source_is_refused(
    tmp_path: Path,
) -> None:
    first = write(tmp_path, "police_2023.csv", f"{HEADER}\n{GOOD_ROW}\n")
    second = write(
        tmp_path, "police_2024.csv", f"{HEADER}\n{GOOD_ROW.replace('R1', 'R2')}\n{GOOD_ROW}\n"
    )

    error = refusal(first, second)

    assert error.path.name == "police_2024.csv"
    assert error.row == 3
    assert "police_2023.csv row 2" in str(error)


def test_the_same_record_id_in_two_sources_is_fine(tmp_path: Path) -> None:
    police = write(tmp_path, "police.csv", f"{HEADER}\n{GOOD_ROW}\n")
    ngo = write(tmp_path, "ngo.csv", f"{HEADER}\n{GOOD_ROW.replace(',police,', ',ngo,')}\n")

    assert len(read_person_lists([police, ngo])) == 2


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    error = refusal(tmp_path / "nowhere.csv")

    assert "nowhere.csv" in str(error)
