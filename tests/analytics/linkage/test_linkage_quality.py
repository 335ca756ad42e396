"""On a simulated world with romanisation noise, linkage beats exact matching on name and DOB."""

import pandas as pd
import pytest

from palermo_analytics.linkage import score_linkage


def exact_name_and_dob(lists: pd.DataFrame) -> pd.DataFrame:
    """The plain baseline: records are one person when given, family name and DOB agree."""
    key = lists["given_name"].str.lower() + "|" + lists["family_name"].str.lower()
    key = key.where(
        lists["given_name"] + lists["family_name"] != "", lists["full_name"].str.lower()
    )
    key = key + "|" + lists["date_of_birth"]
    person = key.where(lists["date_of_birth"] != "", lists["source"] + "|" + lists["record_id"])
    return lists.loc[:, ["record_id", "source"]].assign(person_id=person)


def test_linkage_finds_most_true_pairs_with_few_false_ones(linked) -> None:
    scores = score_linkage(linked.result.linked, linked.world.truth())

    # The default threshold (0.7) is chosen for the estimate: recall first, precision still high.
    assert scores.precision > 0.9
    assert scores.recall > 0.88
    assert scores.f1 > 0.9


def test_linkage_f1_is_clearly_above_exact_name_and_dob(linked) -> None:
    truth = linked.world.truth()
    palermo = score_linkage(linked.result.linked, truth)
    baseline = score_linkage(exact_name_and_dob(linked.lists), truth)

    assert palermo.f1 > baseline.f1 + 0.25


def test_persons_found_are_close_to_the_persons_on_the_lists(linked) -> None:
    scores = score_linkage(linked.result.linked, linked.world.truth())

    assert scores.persons_found == pytest.approx(scores.persons_true, rel=0.2)


def test_every_record_gets_exactly_one_person(linked) -> None:
    output = linked.result.linked

    assert list(output.columns) == ["record_id", "source", "person_id"]
    assert len(output) == len(linked.lists)
    assert output["person_id"].notna().all()
