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

    if args and not args[0].startswith("-"):
        # `palermo rotate-keys` reads better than `rotate_keys`; Django names need underscores.
        args[0] = args[0].replace("-", "_")
    if args in ([], ["help"]):
        print(f"Analytics commands (no database needed): {', '.join(ANALYTICS_COMMANDS)}\n")
    execute_from_command_line(["palermo", *args])


if __name__ == "__main__":
    main()
