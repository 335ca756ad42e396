"""Run `palermo NAME ...` in this process, as the console script does, and read what it printed."""

import pytest

from palermo.cli import main


def palermo(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    """Run the command, which must succeed; its standard output."""
    capsys.readouterr()
    main(list(arguments))
    return capsys.readouterr().out


def palermo_fails(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    """Run the command, which must fail with status 2; its error message."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(arguments))
    assert exit_info.value.code == 2
    return capsys.readouterr().err
