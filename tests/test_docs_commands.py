"""The commands the README and docs show must exist, take the options shown, and (offline) run.

A newcomer copies commands from the documentation first; a renamed option or command should fail
here, not on their machine. Every `palermo …` command written in README.md, CONTRIBUTING.md or
docs/*.md is checked against its own argument parser; the README's offline pipeline (simulate →
link → estimate, no database) is run exactly as written.
"""

import argparse
import re
import shlex
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
ANALYTICS = {"simulate", "link", "estimate"}
# Commands in a fenced block, one per line (continuations joined), or inline in backticks.
FENCE = re.compile(r"```[a-z]*\n(.*?)```", re.S)
INLINE = re.compile(r"`((?:\.venv/bin/)?palermo [^`]+)`")


def documented_commands() -> list[tuple[str, str]]:
    """(where, command) for every `palermo` command the documents show."""
    found: list[tuple[str, str]] = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        where = document.relative_to(ROOT).as_posix()
        for block in FENCE.findall(text):
            for line in block.replace("\\\n", " ").splitlines():
                command = command_in(line)
                if command:
                    found.append((where, command))
        for snippet in INLINE.findall(text):
            for alternative in snippet.split(" / "):
                command = command_in(alternative)
                if command:
                    found.append((where, command))
    return found


def command_in(line: str) -> str | None:
    """The `palermo …` part of a shell line, without prompts, pipes or what follows them."""
    match = re.search(r"(?:^|[\s$(])(?:\.venv/bin/|\.\./\.\./\.venv/bin/)?(palermo\s.*)", line)
    if not match:
        return None
    command = re.split(r"\s(?:&&|\||;|>)\s?", match.group(1))[0]
    return command.strip()


def words_and_options(command: str) -> tuple[list[str], set[str]]:
    """The command words (before any argument or option) and the long options used."""
    try:
        tokens = shlex.split(command.replace("\\|", "|"))[1:]
    except ValueError:
        tokens = command.split()[1:]
    words: list[str] = []
    for token in tokens:
        if not re.fullmatch(r"[a-z][a-z_-]*", token):
            break
        words.append(token)
    options = {
        token.split("=")[0] for token in tokens if re.fullmatch(r"--[a-z][a-z-]*(=.*)?", token)
    }
    # A documented alternative (`--format html|xlsx|pdf`, `[--public]`) keeps its option's name.
    options |= set(re.findall(r"\[(--[a-z][a-z-]*)", command))
    return words, options


def parser_for(words: list[str]) -> tuple[argparse.ArgumentParser, list[str]]:
    """The parser of the deepest (sub)command the words name, and the words it consumed."""
    name = words[0]
    if name in ANALYTICS:
        module = import_module(f"palermo_analytics.cli._{name}")
        parser: argparse.ArgumentParser = module.parser()
    else:
        if words[:2] == ["report", "plan"]:
            name, words = "plan_report", ["plan_report", *words[2:]]
        name = name.replace("-", "_")
        commands = get_commands()
        assert name in commands, f"no command {words[0]!r}"
        parser = load_command_class(commands[name], name).create_parser("palermo", name)
    consumed = [words[0]]
    for word in words[1:]:
        sub = subcommand_parser(parser, word)
        if sub is None:
            break
        parser, consumed = sub, [*consumed, word]
    return parser, consumed


def subcommand_parser(parser: argparse.ArgumentParser, word: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and word in action.choices:
            return action.choices[word]
    return None


def known_options(parser: argparse.ArgumentParser) -> set[str]:
    options = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                options |= known_options(sub)
    return options


COMMANDS = documented_commands()


def test_the_documents_show_commands() -> None:
    # The extraction itself must keep working: the README names more than a dozen commands.
    assert len({command for _, command in COMMANDS}) > 12


@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[c for _, c in COMMANDS])
def test_a_documented_command_exists_with_the_options_shown(where: str, command: str) -> None:
    words, options = words_and_options(command)
    assert words, f"{where}: cannot read a command name in {command!r}"
    parser, consumed = parser_for(words)
    unknown = options - known_options(parser)
    assert not unknown, f"{where}: `palermo {' '.join(consumed)}` has no option {sorted(unknown)}"


def readme_pipeline() -> list[str]:
    """The README's offline example: the fenced block that runs simulate, link and estimate."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in FENCE.findall(text):
        if "palermo simulate" in block and "palermo estimate" in block:
            return [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    raise AssertionError("README.md no longer shows the simulate → link → estimate example")


@pytest.mark.slow
def test_the_readmes_offline_pipeline_runs_as_written(tmp_path: Path) -> None:
    for line in readme_pipeline():
        tokens = shlex.split(line)
        assert tokens[0].endswith("palermo"), line
        done = subprocess.run(
            [sys.executable, "-c", "from palermo.cli import main; main()", *tokens[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"{line}\n{done.stderr[-2000:]}"
    assert (tmp_path / "histories.csv").stat().st_size > 0
