"""The linkage report: counts, chart, uncertain pairs, parameters, and a reusable model."""

import json
from dataclasses import replace

import pandas as pd
import pytest

from palermo_analytics.linkage import LinkageReport, link_records, model_parameters


@pytest.fixture(scope="module")
def report_folder(linked, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    LinkageReport(linked.result, linked.lists, ("police.csv",)).write(folder)
    return folder


def test_the_html_report_shows_the_chart_and_the_counts(report_folder) -> None:
    html = (report_folder / "report.html").read_text()

    assert "<svg" in html
    assert "Records and persons by source" in html
    assert "police.csv" in html


def test_the_chart_is_an_svg_file(report_folder) -> None:
    assert (report_folder / "match_weights.svg").read_text().startswith("<svg")


def test_uncertain_pairs_lie_near_the_threshold_with_both_records_fields(linked, report_folder):
    pairs = pd.read_csv(report_folder / "uncertain_pairs.csv")
    settings = linked.result.settings

    assert (abs(pairs["match_weight"] - settings.threshold_weight) <= settings.review_margin).all()
    assert {"full_name_l", "full_name_r", "date_of_birth_l", "decision"} <= set(pairs.columns)


def test_parameters_give_m_u_and_weight_for_every_level(linked, report_folder) -> None:
    parameters = pd.read_csv(report_folder / "parameters.csv")

    assert set(parameters["comparison"]) >= {"name", "date_of_birth", "document_number", "phone"}
    assert parameters["m_probability"].between(0, 1).all()
    assert len(parameters) == len(model_parameters(linked.result.model))


def test_a_markdown_report_links_the_chart(linked, tmp_path) -> None:
    LinkageReport(linked.result, linked.lists).write(tmp_path, "markdown")

    assert "![Match weight distribution](match_weights.svg)" in (tmp_path / "report.md").read_text()


def test_the_saved_model_repeats_the_run_without_training(linked, report_folder) -> None:
    model = report_folder / "model.json"
    assert json.loads(model.read_text())["comparisons"]

    again = link_records(linked.lists, replace(linked.result.settings, model=model))

    pd.testing.assert_frame_equal(again.linked, linked.result.linked)
    assert "train" in again.timings


def test_the_report_says_how_persons_were_formed(linked) -> None:
    summary = LinkageReport(linked.result, linked.lists).summary()
    unguarded = replace(linked.result, settings=replace(linked.result.settings, cohesion=None))

    assert summary["cohesion"] == linked.result.settings.cohesion == 0.0
    assert LinkageReport(unguarded, linked.lists).summary()["cohesion"] == "none (plain closure)"
