"""The analytics library imports with its core dependencies only, and never imports Django."""

import subprocess
import sys

import pytest

import palermo_analytics


def run_in_a_fresh_interpreter(*lines: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_importing_the_analytics_library_does_not_import_django() -> None:
    # Every public name is touched, so every module behind them is loaded.
    run_in_a_fresh_interpreter(
        "import sys, palermo_analytics",
        "for name in palermo_analytics.__all__: getattr(palermo_analytics, name)",
        "assert 'django' not in sys.modules, 'django imported'",
    )


def test_estimation_alone_does_not_load_the_linkage_engine() -> None:
    run_in_a_fresh_interpreter(
        "import sys",
        "from palermo_analytics import MultipleSystemsEstimator",
        "assert 'splink' not in sys.modules, 'splink imported'",
    )


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = palermo_analytics.nothing  # type: ignore[attr-defined]


def test_every_public_name_has_a_home_module() -> None:
    assert set(palermo_analytics.__all__) == set(palermo_analytics._HOME_OF)
