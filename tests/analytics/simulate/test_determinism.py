"""The same seed gives the same world; another seed, another world."""

import pandas as pd

from palermo_analytics.simulate import WorldConfig, simulate_world


def small(seed: int) -> WorldConfig:
    return WorldConfig.for_lists(["police", "ngo", "labour"], population=200, seed=seed)


def test_the_same_seed_gives_the_same_records_and_truth() -> None:
    first, second = simulate_world(small(7)), simulate_world(small(7))

    pd.testing.assert_frame_equal(first.records, second.records)
    pd.testing.assert_frame_equal(first.persons, second.persons)


def test_another_seed_gives_another_world() -> None:
    first, second = simulate_world(small(7)), simulate_world(small(8))

    assert not first.records["full_name"].equals(second.records["full_name"])


def test_written_files_are_byte_for_byte_repeatable(tmp_path) -> None:
    from palermo_analytics.simulate import write_world

    for name in ("a", "b"):
        write_world(simulate_world(small(3)), tmp_path / name)

    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
