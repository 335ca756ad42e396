"""The `palermo` command: Django's management commands plus Palermo's own."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, preparing the development working folder first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
    from palermo.workdir import prepare_working_folder

    prepare_working_folder()
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # `palermo rotate-keys` reads better than `rotate_keys`; Django names need underscores.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["palermo", *args])


if __name__ == "__main__":
    main()
