"""The capture-history table: one 0/1 column per source and a count that adds up to persons."""

import pandas as pd

from palermo_analytics.linkage import capture_histories


def test_counts_add_up_to_the_persons_found(linked) -> None:
    result = linked.result
    histories = result.capture_histories()

    assert list(histories.columns) == [*result.sources, "count"]
    assert histories["count"].sum() == result.person_count
    assert set(histories[result.sources].stack().unique()) <= {0, 1}


def test_histories_from_the_truth_are_the_worlds_true_histories(linked) -> None:
    world = linked.world
    truth = world.truth()

    from_truth = capture_histories(truth, world.sources)

    pd.testing.assert_frame_equal(from_truth, world.true_capture_histories(), check_dtype=False)


def test_a_person_on_one_list_twice_is_counted_once() -> None:
    linked = pd.DataFrame(
        {
            "record_id": ["1", "2", "3", "4"],
            "source": ["police", "police", "ngo", "ngo"],
            "person_id": ["a", "a", "a", "b"],
        }
    )

    histories = capture_histories(linked, ["police", "ngo", "shelter"])

    assert histories.to_dict("records") == [
        {"police": 1, "ngo": 1, "shelter": 0, "count": 1},
        {"police": 0, "ngo": 1, "shelter": 0, "count": 1},
    ]


def test_records_and_persons_are_counted_by_source(linked) -> None:
    counts = linked.result.counts_by_source()

    assert counts["records"].sum() == len(linked.lists)
    assert (counts["persons"] <= counts["records"]).all()
