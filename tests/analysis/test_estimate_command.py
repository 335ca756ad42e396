"""`palermo estimate`: the command prints the library's result as a table or as JSON."""

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from palermo_analytics.estimation._comparison import DEFAULT_COMPARED
from tests.analysis.commands import palermo, palermo_fails

UK = Path(__file__).resolve().parents[1] / "fixtures" / "mse" / "uk_2013_5lists.csv"
ARTIFICIAL = UK.with_name("artificial_3lists.csv")
UK_INTERACTIONS = ["LA:NG", "LA:PFNCA", "NG:GO", "NG:GP", "PFNCA:GP", "GO:GP"]
QUICK_LATENT_CLASS = ("--iterations", "600", "--seed", "1")

Capture = pytest.CaptureFixture[str]


def _estimate_json(capsys: Capture, *arguments: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(palermo(capsys, "estimate", *arguments, "--format", "json"))
    return result


def test_json_output_has_the_documented_shape(capsys: Capture) -> None:
    result = _estimate_json(capsys, str(UK))
    assert list(result) == [
        "lists",
        "observed",
        "estimate",
        "interval",
        "model",
        "warnings",
        "method",
        "assumptions",
    ]
    assert result["lists"] == ["LA", "NG", "PFNCA", "GO", "GP"]
    assert result["observed"] == 2744
    assert round(result["estimate"]) == 11313
    assert result["interval"]["method"] == "normal"
    assert result["interval"]["level"] == 0.95
    assert (result["interval"]["low"], result["interval"]["high"]) == pytest.approx(
        (9884.4, 13027.4), rel=1e-3
    )
    assert result["model"] == {
        "method": "stepwise",
        "interactions": UK_INTERACTIONS,
        "heterogeneity_term": False,
        "existence_code": 0,
    }
    assert result["warnings"] == []
    assert result["method"] == "stepwise"
    assert "heterogeneous visibility biases it downwards" in result["assumptions"]


def test_a_seeded_bootstrap_gives_a_repeatable_bca_interval_with_its_error(
    capsys: Capture,
) -> None:
    arguments = (str(UK), "--bootstrap", "30", "--seed", "4", "--level", "0.9", "--workers", "1")
    first = _estimate_json(capsys, *arguments)
    again = _estimate_json(capsys, *arguments)
    assert first["interval"]["method"] == "bca"
    assert first["interval"]["level"] == 0.9
    assert first["interval"] == again["interval"]
    bootstrap = first["model"]["bootstrap"]
    assert bootstrap["replicates"] == 30
    assert all(error > 0 for error in bootstrap["monte_carlo_error"])


def test_the_table_shows_method_assumptions_estimate_and_candidates(capsys: Capture) -> None:
    text = palermo(capsys, "estimate", str(UK))
    assert "Method:          stepwise (p < 0.02)" in text
    assert "Assumes:         log-linear model (SparseMSE)" in text
    assert "Estimate:        11,313" in text
    assert f"Interactions:    {', '.join(UK_INTERACTIONS)}" in text
    assert "95% interval:    9,884 to 13,027 (normal)" in text
    assert "  LA:GO     0.393" in text


def test_main_effects_can_be_chosen(capsys: Capture) -> None:
    result = _estimate_json(capsys, str(UK), "--method", "main-effects")
    assert result["model"]["interactions"] == []
    assert result["estimate"] == pytest.approx(13444.13, rel=1e-4)


def test_the_latent_class_model_reports_its_sampler(capsys: Capture) -> None:
    text = palermo(
        capsys, "estimate", str(ARTIFICIAL), "--method", "latent-class", *QUICK_LATENT_CLASS
    )
    assert "Method:          latent-class (LCMCR)" in text
    assert "(credible)" in text
    assert "R-hat" in text
    assert "too sparse for any method: only 6 people are on two or more lists" in text


def test_the_model_average_reports_its_most_probable_models(capsys: Capture) -> None:
    text = palermo(capsys, "estimate", str(UK), "--method", "bma", "--seed", "1")
    assert "Method:          bma (decomposable graphical models)" in text
    assert "Models:          822 averaged, prior delta 0.03125 per cell" in text
    assert "Estimate:        22,981 (posterior median)" in text
    assert "Most probable models (interactions, posterior probability):" in text
    assert "  LA:NG:PFNCA, PFNCA:GO, NG:GP     0.443" in text
    result = _estimate_json(capsys, str(UK), "--method", "bma", "--seed", "1", "--level", "0.9")
    assert result["method"] == "bma"
    assert result["interval"]["method"] == "credible"
    assert result["interval"]["level"] == 0.9
    assert result["model"]["models_averaged"] == 822
    assert result["model"]["top_models"][0]["interactions"] == "LA:NG:PFNCA, PFNCA:GO, NG:GP"
    assert "Madigan & York 1997" in result["assumptions"]


def test_a_stratum_the_model_average_refuses_is_named(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "strata.csv"
    path.write_text(
        "A,B,C,sex,count\n1,0,0,F,30\n0,1,0,F,20\n1,1,0,F,9\n"
        "1,0,0,M,30\n0,1,0,M,20\n0,0,1,M,25\n1,1,0,M,9\n1,0,1,M,8\n0,1,1,M,7\n"
    )
    arguments = ("--method", "stratified", "--strata", "sex", "--within", "bma")
    error = palermo_fails(capsys, "estimate", str(path), *arguments)
    assert "stratum sex=F: model averaging needs at least 3 lists, got 2" in error


def test_the_model_average_refuses_seven_lists_saying_what_to_do(
    tmp_path: Path, capsys: Capture
) -> None:
    table = tmp_path / "seven.csv"
    lists = [f"L{i}" for i in range(7)]
    rows = [",".join([*("1" if j in (i, (i + 1) % 7) else "0" for j in range(7)), "5"])
            for i in range(7)]  # fmt: skip
    table.write_text(",".join([*lists, "count"]) + "\n" + "\n".join(rows) + "\n")
    error = palermo_fails(capsys, "estimate", str(table), "--method", "bma")
    assert "at most 6 lists, got 7: merge lists" in error


def test_stratified_estimates_name_each_stratum(tmp_path: Path, capsys: Capture) -> None:
    table = pd.read_csv(UK)
    strata = pd.concat([table.assign(sex="F"), table.assign(sex="M")])
    path = tmp_path / "strata.csv"
    strata.to_csv(path, index=False)
    result = _estimate_json(
        capsys,
        str(path),
        "--method",
        "stratified",
        "--strata",
        "sex",
        "--within",
        "main-effects",
        "--seed",
        "2",
    )
    assert result["method"] == "stratified"
    assert set(result["model"]["strata"]) == {"sex=F", "sex=M"}
    assert result["estimate"] == pytest.approx(2 * 13444.13, rel=1e-4)


def test_stratified_and_compare_accept_the_model_average(tmp_path: Path, capsys: Capture) -> None:
    table = pd.read_csv(UK)
    path = tmp_path / "strata.csv"
    pd.concat([table.assign(sex="F"), table.assign(sex="M")]).to_csv(path, index=False)
    arguments = ("--strata", "sex", "--within", "bma", "--seed", "2")
    result = _estimate_json(capsys, str(path), "--method", "stratified", *arguments)
    assert result["model"]["within"] == "bma"
    assert result["estimate"] == 2 * 22981
    compared = _estimate_json(
        capsys, str(UK), "--method", "compare", "--compare", "aic,bma", "--seed", "1"
    )
    assert list(compared["methods"]) == ["aic", "bma"]
    assert compared["methods"]["bma"]["interval"]["method"] == "credible"


def test_compare_gives_the_range_of_the_methods(capsys: Capture) -> None:
    text = palermo(
        capsys,
        "estimate",
        str(UK),
        "--method",
        "compare",
        "--compare",
        "stepwise,main-effects",
        "--seed",
        "1",
        "--workers",
        "1",
    )
    assert "Methods:         stepwise, main-effects (they disagree: report the range)" in text
    assert "Range:" in text


def test_compare_by_default_spans_all_pairs_and_latent_class(capsys: Capture) -> None:
    result = _estimate_json(
        capsys, str(UK), "--method", "compare", *QUICK_LATENT_CLASS, "--workers", "1"
    )
    assert list(result["methods"]) == ["all-pairs", "heterogeneity", "latent-class"]
    assert tuple(result["methods"]) == DEFAULT_COMPARED  # the command and the library agree
    lows = [method["interval"]["low"] for method in result["methods"].values()]
    assert result["range"][0] == pytest.approx(min(lows))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--level", "1.5"], "--level must be between 0 and 1"),
        (["--threshold", "2"], "threshold must be between 0 and 1"),
        (["--bootstrap", "-3"], "--bootstrap must be a number of replicates of 2 or more"),
        (["--bootstrap", "1"], "--bootstrap must be a number of replicates of 2 or more"),
        (["--method", "latent-class", "--bootstrap"], "--bootstrap applies to the log-linear"),
        (["--method", "stratified"], "--method stratified needs --strata"),
        (["--method", "compare", "--compare", "stepwise"], "--compare takes two or more"),
    ],
)
def test_bad_options_are_refused(capsys: Capture, arguments: list[str], message: str) -> None:
    assert message in palermo_fails(capsys, "estimate", str(UK), *arguments)


def test_an_unknown_method_is_refused_listing_the_methods(capsys: Capture) -> None:
    with pytest.raises(SystemExit):
        palermo(capsys, "estimate", str(UK), "--method", "magic")
    error = capsys.readouterr().err
    assert (
        "'stepwise', 'main-effects', 'aic', 'bic', 'all-pairs', 'heterogeneity', 'latent-class', "
        "'bma', 'stratified'" in error
    )


def test_a_bad_table_is_refused_naming_the_row(tmp_path: Path, capsys: Capture) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("A,B,count\n1,0,4\n0,2,3\n")
    error = palermo_fails(capsys, "estimate", str(table))
    assert "row 2: column 'B' must be 0 or 1, got '2'" in error
