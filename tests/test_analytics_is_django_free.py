"""The analytics library imports with its core dependencies only, and never imports Django."""

import subprocess
import sys

import pytest

import palermo_analytics


def test_importing_the_analytics_library_does_not_import_django() -> None:
    # Every public name is touched, so every module behind them is loaded.
    code = (
        "import sys, palermo_analytics\n"
        "for name in palermo_analytics.__all__: getattr(palermo_analytics, name)\n"
        "assert 'django' not in sys.modules, 'django imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_estimation_alone_does_not_load_the_linkage_engine() -> None:
    code = (
        "import sys\n"
        "from palermo_analytics import MultipleSystemsEstimator\n"
        "assert 'splink' not in sys.modules, 'splink imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = palermo_analytics.nothing  # type: ignore[attr-defined]


def test_every_public_name_has_a_home_module() -> None:
    assert set(palermo_analytics.__all__) == set(palermo_analytics._HOME_OF)
