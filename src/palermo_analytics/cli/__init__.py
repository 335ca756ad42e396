"""The analysts' commands `palermo simulate`, `palermo link` and `palermo estimate`.

Plain argparse programs over the analytics library: they need no database, no settings and no
working folder, show only their own options, and import the heavy libraries (pandas, scipy,
Splink) only once the arguments are known to be good. `palermo` hands these three names here
before it sets up Django.
"""

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

COMMANDS = ("simulate", "link", "estimate")


class CommandFailed(Exception):
    """A bad argument or input: the message is printed after 'palermo NAME: error:'."""


def run(name: str, argv: Sequence[str]) -> int:
    """Run one analytics command; the exit status is 0, or 2 after printing the error."""
    if name not in COMMANDS:
        raise ValueError(f"unknown analytics command {name!r}; expected one of {COMMANDS}")
    module = import_module(f"palermo_analytics.cli._{name}")
    command: Callable[[Sequence[str]], None] = module.main
    try:
        command(argv)
    except CommandFailed as error:
        print(f"palermo {name}: error: {error}", file=sys.stderr)
        return 2
    return 0
