"""A build counts in one transaction with its own PostgreSQL settings, which end with it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from palermo import settings as palermo_settings
from palermo.reporting.build import BUILD_SETTINGS, build_snapshot
from palermo.reporting.periods import Period

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SET LOCAL settings are PostgreSQL's"
)


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


def _settings_seen_during_a_build(names: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}

    def progress(_step: str, _done: int, _total: int) -> None:
        seen.update({name: _show(name) for name in names})

    build_snapshot(Period.of(2025), progress)
    return seen


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_build_counts_with_its_own_settings_and_they_end_with_it() -> None:
    before = _show("work_mem")
    seen = _settings_seen_during_a_build(["jit", "work_mem"])
    assert seen == {"jit": "off", "work_mem": BUILD_SETTINGS["work_mem"]}
    assert _show("work_mem") == before


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_site_replaces_the_settings(settings: object) -> None:
    settings.PALERMO_REPORT_DATABASE_SETTINGS = {  # type: ignore[attr-defined]
        "max_parallel_workers_per_gather": "0",
        "work_mem": "7MB",
    }
    seen = _settings_seen_during_a_build(["max_parallel_workers_per_gather", "work_mem"])
    assert seen == {"max_parallel_workers_per_gather": "0", "work_mem": "7MB"}


@pytest.mark.django_db
def test_a_build_without_settings_counts_the_same(settings: object) -> None:
    first = build_snapshot(Period.of(2025))
    settings.PALERMO_REPORT_DATABASE_SETTINGS = {}  # type: ignore[attr-defined]
    second = build_snapshot(Period.of(2025))
    assert first["figures"] == second["figures"]


@pytest.mark.parametrize(
    ("text", "says"),
    [("{jit: off}", "is not JSON"), ('["jit"]', "JSON object of strings"), ('{"a": 1}', "strings")],
)
def test_bad_settings_in_the_environment_are_refused_clearly(
    monkeypatch: pytest.MonkeyPatch, text: str, says: str
) -> None:
    monkeypatch.setenv("PALERMO_REPORT_DATABASE_SETTINGS", text)
    with pytest.raises(ImproperlyConfigured, match=says):
        palermo_settings._report_database_settings()


def test_settings_in_the_environment_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PALERMO_REPORT_DATABASE_SETTINGS", '{"jit": "on"}')
    assert palermo_settings._report_database_settings() == {"jit": "on"}
    monkeypatch.delenv("PALERMO_REPORT_DATABASE_SETTINGS")
    assert palermo_settings._report_database_settings() is None
