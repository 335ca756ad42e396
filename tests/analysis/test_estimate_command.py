"""`palermo estimate`: the command prints the library's result as a table or as JSON."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

UK = Path(__file__).resolve().parents[1] / "fixtures" / "mse" / "uk_2013_5lists.csv"
UK_INTERACTIONS = ["LA:NG", "LA:PFNCA", "NG:GO", "NG:GP", "PFNCA:GP", "GO:GP"]


def _estimate(*arguments: str) -> str:
    out = StringIO()
    call_command("estimate", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def _estimate_json(*arguments: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(_estimate(*arguments, "--format", "json"))
    return result


def test_json_output_has_the_documented_shape() -> None:
    result = _estimate_json(str(UK))
    assert list(result) == ["lists", "observed", "estimate", "interval", "model", "warnings"]
    assert result["lists"] == ["LA", "NG", "PFNCA", "GO", "GP"]
    assert result["observed"] == 2744
    assert round(result["estimate"]) == 11313
    assert result["interval"]["method"] == "normal"
    assert result["interval"]["level"] == 0.95
    assert (result["interval"]["low"], result["interval"]["high"]) == pytest.approx(
        (9884.4, 13027.4), rel=1e-3
    )
    assert result["model"] == {"interactions": UK_INTERACTIONS, "existence_code": 0}
    assert result["warnings"] == []


def test_a_seeded_bootstrap_gives_a_repeatable_bca_interval() -> None:
    first = _estimate_json(str(UK), "--bootstrap", "30", "--seed", "4", "--level", "0.9")
    again = _estimate_json(str(UK), "--bootstrap", "30", "--seed", "4", "--level", "0.9")
    assert first["interval"]["method"] == "bca"
    assert first["interval"]["level"] == 0.9
    assert first["interval"] == again["interval"]


def test_the_table_shows_estimate_interactions_and_candidates() -> None:
    text = _estimate(str(UK))
    assert "Estimate:        11,313" in text
    assert f"Interactions:    {', '.join(UK_INTERACTIONS)}" in text
    assert "95% interval:    9,884 to 13,027 (normal)" in text
    assert "  LA:GO     0.393" in text


def test_main_effects_can_be_chosen() -> None:
    result = _estimate_json(str(UK), "--method", "main-effects")
    assert result["model"]["interactions"] == []
    assert result["estimate"] == pytest.approx(13444.13, rel=1e-4)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--level", "1.5"], "--level must be between 0 and 1"),
        (["--threshold", "2"], "threshold must be between 0 and 1"),
        (["--bootstrap", "-3"], "--bootstrap must be 0 or more"),
        (["--bootstrap", "1"], "n_replicates must be at least 2"),
    ],
)
def test_bad_options_are_command_errors(arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _estimate(str(UK), *arguments)


def test_a_bad_table_is_a_command_error_naming_the_row(tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("A,B,count\n1,0,4\n0,2,3\n")
    with pytest.raises(CommandError, match="row 2: column 'B' must be 0 or 1, got '2'"):
        _estimate(str(table))
