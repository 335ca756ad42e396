"""Production mode refuses to start without its secrets; development mode needs none."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

STRONG_KEY = "k3Y-" + "".join(chr(ord("a") + n % 26) for n in range(60))
CHECK = [sys.executable, "-m", "palermo", "check", "--deploy", "--fail-level", "ERROR"]


def run_palermo(
    tmp_path: Path, command: list[str] = CHECK, **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PALERMO_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        command,
        env={**clean, "PALERMO_HOME": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "PALERMO_SECRET_KEY"),
        ({"PALERMO_SECRET_KEY": STRONG_KEY}, "PALERMO_DATA_KEY_FILE"),
        (
            {"PALERMO_SECRET_KEY": STRONG_KEY, "PALERMO_DATA_KEYS": "{}"},
            "PALERMO_AUDIT_KEY_FILE",
        ),
    ],
)
def test_production_refuses_to_start_without_keys(
    tmp_path: Path, env: dict[str, str], missing: str
) -> None:
    result = run_palermo(tmp_path, PALERMO_PRODUCTION="1", **env)

    assert result.returncode != 0
    assert missing in result.stderr


def test_development_prepares_a_private_working_folder(tmp_path: Path) -> None:
    result = run_palermo(tmp_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data_keys.json").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "audit_key").stat().st_mode & 0o777 == 0o600


def test_production_serves_compressed_fingerprinted_static_files(tmp_path: Path) -> None:
    run_palermo(tmp_path)  # a development run writes a keyring production can be pointed at
    production = {
        "PALERMO_PRODUCTION": "1",
        "PALERMO_SECRET_KEY": STRONG_KEY,
        "PALERMO_DATA_KEY_FILE": str(tmp_path / "data_keys.json"),
        "PALERMO_AUDIT_KEY_FILE": str(tmp_path / "audit_key"),
    }
    collect = [sys.executable, "-m", "palermo", "collectstatic", "--noinput"]

    result = run_palermo(tmp_path, collect, **production)

    assert result.returncode == 0, result.stderr
    static = tmp_path / "static"
    assert (static / "staticfiles.json").exists()
    fingerprinted = list((static / "palermo").glob("palermo.*.css"))
    assert fingerprinted
    assert list((static / "palermo").glob("palermo.*.css.gz"))
