"""The analysts' commands run without Django, a database or a ./var folder, and say only their
own options."""

import subprocess
import sys
from pathlib import Path

import pytest

UK = Path(__file__).resolve().parents[1] / "fixtures" / "mse" / "uk_2013_5lists.csv"
SRC = Path(__file__).resolve().parents[2] / "src"


def run_palermo(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`palermo ARGS` in a fresh interpreter in `folder`, failing if Django was imported."""
    script = (
        "import sys\nfrom palermo.cli import main\n"
        f"try:\n    main({list(arguments)!r})\n"
        "finally:\n    assert 'django' not in sys.modules, 'django imported'\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={
            "PYTHONPATH": str(SRC),
            "PATH": "/usr/bin:/bin",
            "PALERMO_DATABASE_URL": "x://nowhere",
        },
    )


@pytest.mark.parametrize("command", ["simulate", "link", "estimate"])
def test_help_shows_the_commands_own_options_only(tmp_path: Path, command: str) -> None:
    result = run_palermo(tmp_path, command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"usage: palermo {command}" in result.stdout
    for django_option in ("--settings", "--pythonpath", "--traceback", "--verbosity"):
        assert django_option not in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_estimate_runs_in_a_bare_folder_and_creates_nothing(tmp_path: Path) -> None:
    result = run_palermo(tmp_path, "estimate", str(UK))
    assert result.returncode == 0, result.stderr
    assert "Estimate:        11,313" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_estimate_help_lists_every_method_and_what_it_assumes(tmp_path: Path) -> None:
    help_text = run_palermo(tmp_path, "estimate", "--help").stdout
    for method in ("stepwise", "main-effects", "latent-class", "bma", "stratified", "compare"):
        assert f"  {method}" in help_text
    assert "biased low" in help_text
