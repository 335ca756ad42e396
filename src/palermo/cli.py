"""The `palermo` command: Django's management commands plus Palermo's own.

The analysts' commands (simulate, link, estimate) run before any of Django is loaded: they need no
database, settings or ./var folder, and start in a fraction of the time.
"""

import os
import sys

ANALYTICS_COMMANDS = ("simulate", "link", "estimate")


def main(argv: list[str] | None = None) -> None:
    """Run a management command, preparing the development working folder first."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ANALYTICS_COMMANDS:
        from palermo_analytics.cli import run

        status = run(args[0], args[1:])
        if status:
            sys.exit(status)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
    from palermo.workdir import prepare_working_folder

    prepare_working_folder()
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    if args[:2] == ["report", "plan"]:
        # The committee's plan report belongs to its app; `report plan` reads as one family with
        # `report annual` without making the reporting app depend on the coordination app.
        args = ["plan_report", *args[2:]]
    if args and not args[0].startswith("-"):
        # `palermo rotate-keys` reads better than `rotate_keys`; Django names need underscores.
        args[0] = args[0].replace("-", "_")
    if args in ([], ["help"]):
        print(f"Analytics commands (no database needed): {', '.join(ANALYTICS_COMMANDS)}\n")
    try:
        execute_from_command_line(["palermo", *args])
    except (OperationalError, InterfaceError) as error:
        # One line, not a traceback: which database, and that it does not answer.
        sys.exit(f"palermo: the database cannot be reached ({one_line(error)}).")


def one_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


if __name__ == "__main__":
    main()
