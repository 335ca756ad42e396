"""Every user-facing string has a Traditional Chinese and a Portuguese translation.

The strings are extracted afresh from the source (Django's makemessages, run on a copy of the
tree so the repository is never touched), then every entry must be translated, not fuzzy, and
compiled into the .mo file that Django actually reads.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "palermo"
LOCALES = ["zh_Hant", "pt"]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext (Debian package gettext) is needed to check translations")
        pytest.skip("xgettext is not installed (apt-get install gettext)")
    workspace = tmp_path_factory.mktemp("i18n")
    tree = workspace / "palermo"
    shutil.copytree(SOURCE, tree, ignore=shutil.ignore_patterns("__pycache__", "vendor", "locale"))
    shutil.copytree(SOURCE / "locale", workspace / "locale")
    (workspace / "i18n_settings.py").write_text(
        "from palermo.settings import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(workspace / 'locale')!r}]\n"
    )
    languages = [arg for code in LOCALES for arg in ("-l", code)]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            *languages,
            "--no-obsolete",
            "--settings",
            "i18n_settings",
            "--ignore",
            "static/*",
        ],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(workspace)},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return workspace / "locale"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_is_translated(fresh_catalogues: Path, locale: str) -> None:
    catalogue = polib.pofile(str(fresh_catalogues / locale / "LC_MESSAGES" / "django.po"))

    missing = [entry.msgid for entry in catalogue if not _translated(entry)]

    assert len(catalogue) > 50
    assert missing == [], f"{len(missing)} strings lack a {locale} translation: {missing[:10]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_matches_the_source(locale: str) -> None:
    folder = SOURCE / "locale" / locale / "LC_MESSAGES"
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(folder / "django.mo"))}

    stale = [
        entry.msgid
        for entry in polib.pofile(str(folder / "django.po"))
        if _translated(entry)
        and not entry.msgid_plural
        and compiled.get(entry.msgid) != entry.msgstr
    ]

    assert stale == [], f"run `make messages` to recompile: {stale[:5]}"


def _translated(entry: polib.POEntry) -> bool:
    if entry.fuzzy or entry.obsolete:
        return False
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_translation_functions_keep_names_that_makemessages_finds() -> None:
    """makemessages looks for _, gettext, gettext_lazy, ngettext…; an alias like `_lazy` hides
    its strings from every catalogue, so they would stay in English."""
    alias = re.compile(r"import .*\b(n|p|np)?gettext(_lazy)? as (?!_\b)\w+")
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if alias.search(line)
    ]
    assert offenders == []
