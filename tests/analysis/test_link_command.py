"""`palermo link` writes linked records, capture histories and a report; bad files are refused."""

import pandas as pd
import pytest

from palermo_analytics.linkage._settings import DEFAULT_THRESHOLD
from palermo_analytics.simulate import WorldConfig, simulate_world, write_world
from tests.analysis.commands import palermo, palermo_fails

LISTS = ["police", "ngo", "shelter"]


@pytest.fixture(scope="module")
def world_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
    write_world(simulate_world(WorldConfig.for_lists(LISTS, population=250, seed=2)), folder)
    return folder


def link(world_folder, capsys, out, *extra: str) -> str:
    paths = [str(world_folder / f"{name}.csv") for name in LISTS]
    return palermo(capsys, "link", *paths, "--out", str(out), *extra)


def link_fails(world_folder, capsys, out, *extra: str) -> str:
    paths = [str(world_folder / f"{name}.csv") for name in LISTS]
    return palermo_fails(capsys, "link", *paths, "--out", str(out), *extra)


def test_link_writes_persons_histories_and_a_report(world_folder, tmp_path, capsys) -> None:
    out = link(
        world_folder,
        capsys,
        tmp_path / "linked.csv",
        "--histories",
        str(tmp_path / "histories.csv"),
    )

    linked = pd.read_csv(tmp_path / "linked.csv")
    histories = pd.read_csv(tmp_path / "histories.csv")
    assert list(linked.columns) == ["record_id", "source", "person_id"]
    assert list(histories.columns) == [*LISTS, "count"]
    assert histories["count"].sum() == linked["person_id"].nunique()
    report = tmp_path / "linked_report"
    assert {"report.html", "match_weights.svg", "uncertain_pairs.csv", "model.json"} <= {
        path.name for path in report.iterdir()
    }
    assert "persons" in out


def test_a_saved_model_gives_the_same_persons(world_folder, tmp_path, capsys) -> None:
    link(world_folder, capsys, tmp_path / "first.csv")
    model = tmp_path / "first_report" / "model.json"

    link(
        world_folder,
        capsys,
        tmp_path / "again.csv",
        "--model",
        str(model),
        "--report-format",
        "markdown",
    )

    first, again = pd.read_csv(tmp_path / "first.csv"), pd.read_csv(tmp_path / "again.csv")
    pd.testing.assert_frame_equal(first, again)
    assert (tmp_path / "again_report" / "report.md").exists()


def test_a_bad_file_is_refused_naming_file_row_and_column(tmp_path, capsys) -> None:
    bad = tmp_path / "police.csv"
    bad.write_text("record_id,source,full_name,date_of_birth\nR1,police,Chan,1990-13-01\n")

    error = palermo_fails(capsys, "link", str(bad), "--out", str(tmp_path / "linked.csv"))
    assert "police.csv, row 2, column 'date_of_birth'" in error


def test_a_missing_model_file_is_refused(world_folder, tmp_path, capsys) -> None:
    error = link_fails(
        world_folder, capsys, tmp_path / "linked.csv", "--model", str(tmp_path / "none.json")
    )
    assert "no such file" in error


def test_a_threshold_outside_zero_and_one_is_refused(world_folder, tmp_path, capsys) -> None:
    error = link_fails(world_folder, capsys, tmp_path / "linked.csv", "--threshold", "1.5")
    assert "threshold" in error


def test_a_cohesion_that_is_not_a_number_of_bits_is_refused(world_folder, tmp_path, capsys) -> None:
    error = link_fails(world_folder, capsys, tmp_path / "linked.csv", "--cohesion", "nan")
    assert "cohesion" in error
    assert not (tmp_path / "linked.csv").exists()


def test_without_the_guard_no_more_persons_are_found_than_with_it(
    world_folder, tmp_path, capsys
) -> None:
    # The guard only ever splits what closure joined: never fewer persons with it.
    link(world_folder, capsys, tmp_path / "guarded.csv")
    link(world_folder, capsys, tmp_path / "plain.csv", "--no-cohesion-guard")
    guarded = pd.read_csv(tmp_path / "guarded.csv", dtype=str)["person_id"].nunique()
    plain = pd.read_csv(tmp_path / "plain.csv", dtype=str)["person_id"].nunique()
    assert guarded >= plain


def test_the_engines_offered_are_the_librarys() -> None:
    from palermo_analytics.cli._link import ENGINES as OFFERED
    from palermo_analytics.linkage import ENGINES

    assert tuple(ENGINES) == OFFERED


def test_the_default_threshold_offered_is_the_librarys() -> None:
    from palermo_analytics.cli._link import DEFAULT_THRESHOLD as OFFERED
    from palermo_analytics.linkage._settings import DEFAULT_THRESHOLD

    assert DEFAULT_THRESHOLD == OFFERED


def test_the_command_offers_the_librarys_default_cohesion() -> None:
    from palermo_analytics.cli._link import DEFAULT_COHESION as OFFERED
    from palermo_analytics.linkage._settings import DEFAULT_COHESION

    assert DEFAULT_COHESION == OFFERED


def test_reviewers_decisions_are_applied_to_the_next_run(world_folder, tmp_path, capsys) -> None:
    link(world_folder, capsys, tmp_path / "first.csv")
    pairs = pd.read_csv(tmp_path / "first_report" / "uncertain_pairs.csv", dtype=str)
    below = pairs[pairs["match_probability"].astype(float) < DEFAULT_THRESHOLD].head(1)
    assert len(below) == 1, "the world should leave at least one pair below the threshold"
    below.assign(decision="same").to_csv(tmp_path / "decisions.csv", index=False)

    link(
        world_folder, capsys, tmp_path / "again.csv", "--decisions", str(tmp_path / "decisions.csv")
    )

    again = pd.read_csv(tmp_path / "again.csv", dtype=str).set_index(["source", "record_id"])
    pair = below.iloc[0]
    left = again.loc[(pair["source_l"], pair["record_id_l"]), "person_id"]
    right = again.loc[(pair["source_r"], pair["record_id_r"]), "person_id"]
    assert left == right


def test_a_decision_other_than_same_different_or_unsure_is_refused(
    world_folder, tmp_path, capsys
) -> None:
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "source_l,record_id_l,source_r,record_id_r,decision\npolice,1,ngo,2,maybe\n"
    )
    error = link_fails(world_folder, capsys, tmp_path / "linked.csv", "--decisions", str(decisions))
    assert "decisions.csv, row 2, column 'decision'" in error
