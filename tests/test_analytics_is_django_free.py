"""The analytics library imports with its core dependencies only, and never imports Django."""

import subprocess
import sys


def test_importing_the_analytics_library_does_not_import_django() -> None:
    code = "import sys, palermo_analytics; assert 'django' not in sys.modules, 'django imported'"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
