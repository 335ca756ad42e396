"""The truth kept with a world agrees with its records, captures and files."""

import json

import pandas as pd

from palermo_analytics.simulate import PERSON_LIST_COLUMNS, TRUTH_FILE, WORLD_FILE, write_world


def test_every_record_is_about_a_person_of_the_population(world) -> None:
    assert world.records["person_id"].isin(world.persons["person_id"]).all()
    assert world.persons["person_id"].is_unique


def test_a_person_has_records_exactly_on_the_lists_that_captured_them(world) -> None:
    on_lists = pd.crosstab(world.records["person_id"], world.records["source"]) > 0
    captured = world.captures.set_axis(world.persons["person_id"])
    captured = captured[captured.any(axis=1)]

    pd.testing.assert_frame_equal(
        on_lists.reindex(index=captured.index, columns=world.sources),
        captured,
        check_names=False,
    )


def test_true_capture_histories_count_every_captured_person_once(world) -> None:
    histories = world.true_capture_histories()

    assert list(histories.columns) == [*world.sources, "count"]
    assert histories["count"].sum() == world.records["person_id"].nunique()
    assert world.population == 1500


def test_record_ids_are_unique_within_each_list(world) -> None:
    assert not world.records.duplicated(["source", "record_id"]).any()


def test_files_hold_the_lists_the_truth_and_the_true_n(world, tmp_path) -> None:
    write_world(world, tmp_path)

    police = pd.read_csv(tmp_path / "police.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(tmp_path / TRUTH_FILE, dtype=str)
    meta = json.loads((tmp_path / WORLD_FILE).read_text())
    assert list(police.columns) == list(PERSON_LIST_COLUMNS)
    assert "person_id" not in police.columns
    assert len(truth) == len(world.records)
    assert set(police["record_id"]) <= set(truth["record_id"])
    assert meta["population"] == 1500
    assert meta["config"]["seed"] == 11
