# ruff: noqa: S608  (the SQL here is built from this file's constants and database ids only)
"""Benchmark: the full annual report (every figure and the five-year trend, without the
hidden-figure estimate) over 1,000,000 victim records and 200,000 criminal cases on PostgreSQL,
beside a bare DuckDB group-by over the same rows.

    scripts/test-postgres .venv/bin/python bench/report.py   # or set PALERMO_DATABASE_URL

The rows are generated inside PostgreSQL (INSERT … SELECT FROM generate_series), in date order as
records are entered in life, in a throwaway database that is dropped at the end. The reporting
app's date indexes (its migration 0002) are in place, as in production.
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

YEAR = 2025
FIRST_DAY = "2016-01-01"
SPAN_DAYS = 3650


def _server_url() -> str:
    url = os.environ.get("PALERMO_DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set PALERMO_DATABASE_URL to a PostgreSQL server (scripts/test-postgres does).")
    return url


def _pick(values: list[str]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"(ARRAY[{quoted}])[1 + floor(random() * {len(values)})::int]"


def _generate(cursor: psycopg.Cursor, victims: int, cases: int) -> None:
    agencies = [row[0] for row in cursor.execute("SELECT id FROM accounts_agency ORDER BY id")]
    provisions = [r[0] for r in cursor.execute("SELECT id FROM jurisdiction_legalprovision")]
    user = cursor.execute("SELECT id FROM accounts_user LIMIT 1").fetchone()[0]  # type: ignore[index]
    court = cursor.execute(
        "SELECT id FROM accounts_agency WHERE kind = 'court' LIMIT 1"
    ).fetchone()[0]  # type: ignore[index]
    agency = f"(ARRAY{agencies})[1 + floor(random() * {len(agencies)})::int]"
    provision = f"(ARRAY{provisions})[1 + floor(random() * {len(provisions)})::int]"
    victim_persons, suspects = int(victims * 0.9), int(cases * 1.5)
    day = f"date '{FIRST_DAY}' + floor(random() * {SPAN_DAYS})::int"
    forms = _pick(['["sexual"]', '["labour"]', '["begging"]', '["sexual", "labour"]', "[]"])
    lists = _pick(["adult_labour", "adult_sexual", "child_labour"])
    outcomes = _pick(["presumed_victim", "further_assessment", "not_indicated", "not_indicated"])
    steps = [
        (
            "persons",
            f"""
        INSERT INTO registry_person (id, reference, given_name, family_name, aliases, date_of_birth,
          document_numbers, phones, addresses, narrative, sex, birth_year, estimated_age,
          nationality, recorded_by_agency_id, created_at)
        SELECT i, 'P-B' || i, '', '', '', '', '', '', '', '',
          {_pick(["female", "female", "male", "unknown"])},
          CASE WHEN random() < 0.7 THEN 1960 + floor(random() * 55)::int END,
          CASE WHEN random() < 0.5 THEN floor(random() * 50)::int END,
          {_pick(["", "CN", "PH", "VN", "MO", "HK", "TH"])}, {agency}, now()
        FROM generate_series(1, {victim_persons + suspects}) i""",
        ),
        (
            "victim cases",
            f"""
        INSERT INTO registry_victimcase (id, reference, person_id, owning_agency_id, stage,
          opened_at, reflection_period_start, reflection_period_end, identification_decision,
          identified_on, last_activity_at, stage_since)
        SELECT i, 'VC-B' || i, 1 + floor((i - 1) * 0.9)::int, {agency}, 'presumed_victim',
          d - 5, d, d + 30, '', CASE WHEN random() < 0.6 THEN d + floor(random() * 200)::int END,
          d, d
        FROM (SELECT row_number() OVER (ORDER BY d) AS i, d
              FROM (SELECT {day} AS d FROM generate_series(1, {victims})) days) s""",
        ),
        (
            "exploitation",
            f"""
        INSERT INTO registry_exploitation (case_id, forms, labour_sectors, sexual_types,
          means_of_control, recruiter_relations, country_of_origin, transit_countries,
          country_of_exploitation)
        SELECT id, ({forms})::jsonb,
          '[]', '[]', '[]', '[]', '', '[]', '' FROM registry_victimcase""",
        ),
        (
            "criminal cases",
            f"""
        INSERT INTO justice_criminalcase (id, reference, owning_agency_id, stage, reported_on,
          summary, is_labour_trafficking, is_sex_trafficking)
        SELECT i, 'CC-B' || i, {agency}, 'investigation', d, '', random() < 0.4, random() < 0.6
        FROM (SELECT row_number() OVER (ORDER BY d) AS i, d
              FROM (SELECT {day} AS d FROM generate_series(1, {cases})) days) s""",
        ),
        (
            "offences",
            f"""
        INSERT INTO justice_criminalcase_provisions (criminalcase_id, legalprovision_id)
        SELECT id, {provision} FROM justice_criminalcase""",
        ),
        (
            "suspects",
            f"""
        INSERT INTO justice_suspect (id, case_id, person_id, role, arrested_on, is_official)
        SELECT i, 1 + (i - 1) % {cases}, {victim_persons} + i, '', NULL, random() < 0.02
        FROM generate_series(1, {suspects}) i""",
        ),
        (
            "charges",
            f"""
        INSERT INTO justice_charge (id, case_id, suspect_id, provision_id, filed_on, filed_by_id)
        SELECT s.id, s.case_id, s.id, {provision}, c.reported_on + 60, {user}
        FROM justice_suspect s JOIN justice_criminalcase c ON c.id = s.case_id
        WHERE random() < 0.6""",
        ),
        (
            "decisions",
            f"""
        INSERT INTO justice_courtdecision (id, charge_id, court_id, outcome, decided_on,
          decided_by_id, is_final, assets_confiscated)
        SELECT id, id, {court}, CASE WHEN random() < 0.7 THEN 'convicted' ELSE 'acquitted' END,
          filed_on + 90, {user}, true, CASE WHEN random() < 0.1 THEN 5000 ELSE 0 END
        FROM justice_charge WHERE random() < 0.5""",
        ),
        (
            "sentences",
            """
        INSERT INTO justice_sentence (decision_id, prison_months, suspended, fine,
          compensation_to_victims)
        SELECT id, floor(random() * 150)::int, random() < 0.2, 0, 0
        FROM justice_courtdecision WHERE outcome = 'convicted'""",
        ),
        (
            "screenings",
            f"""
        INSERT INTO screening_screening (reference, screener_id, agency_id, indicator_list,
          answers, outcome, status, notes, started_at, completed_at, indicator_notes)
        SELECT 'S-B' || i, {user}, {agency}, {lists}, '{{}}', {outcomes},
          'completed', '', t, t, '{{}}'
        FROM (SELECT row_number() OVER (ORDER BY t) AS i, t
              FROM (SELECT ({day})::timestamptz AS t
                    FROM generate_series(1, {victims // 2})) d) s""",
        ),
        (
            "services",
            f"""
        INSERT INTO registry_service (case_id, kind, provider_id, started_on, ended_on, notes)
        SELECT id, {_pick(["shelter", "medical", "psychological", "legal_aid"])}, {agency},
          reflection_period_start + 3,
          CASE WHEN random() < 0.9 THEN reflection_period_start + 4 + floor(random() * 180)::int
          END, ''
        FROM registry_victimcase WHERE random() < 0.4""",
        ),
    ]
    cursor.execute("SELECT setseed(0.42)")
    for name, sql in steps:
        started = time.perf_counter()
        cursor.execute(sql)
        seconds = time.perf_counter() - started
        print(f"  generated {name:<15} {cursor.rowcount:>10,} rows in {seconds:5.1f} s")
    for table in [
        "registry_person",
        "registry_victimcase",
        "justice_criminalcase",
        "justice_suspect",
        "justice_charge",
        "justice_courtdecision",
    ]:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    cursor.execute("ANALYZE")


def _duckdb_group_by(url: str) -> tuple[float, int]:
    """The same rows as the report's presumed-victims figure, grouped by DuckDB alone."""
    import duckdb

    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT v.person_id, v.reflection_period_start, p.sex, p.birth_year "
            "FROM registry_victimcase v JOIN registry_person p ON p.id = v.person_id"
        ).fetchall()
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["person_id", "presumed", "sex", "birth_year"])
    frame["presumed"] = pd.to_datetime(frame["presumed"])
    database = duckdb.connect()
    database.register("victims", frame)
    query = f"""
        SELECT sex, CASE WHEN birth_year > {YEAR - 18} THEN 'child'
                         WHEN birth_year IS NOT NULL THEN 'adult' ELSE 'unknown' END AS age,
               count(DISTINCT person_id)
        FROM victims WHERE presumed BETWEEN DATE '{YEAR}-01-01' AND DATE '{YEAR}-12-31'
        GROUP BY ALL"""
    database.execute(query).fetchall()  # warm
    started = time.perf_counter()
    groups = len(database.execute(query).fetchall())
    return time.perf_counter() - started, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--victims", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        metavar="NAME",
        help="measure on a database kept by an earlier --keep run (no generation, not dropped)",
    )
    parser.add_argument(
        "--per-figure", action="store_true", help="also time each figure and the trend apart"
    )
    options = parser.parse_args()
    server = urlparse(_server_url())
    name = options.reuse or f"palermo_bench_report_{os.getpid()}"
    admin_url = server._replace(path="/postgres").geturl()
    url = server._replace(path=f"/{name}").geturl()
    if options.reuse:
        options.keep = True
    else:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        print(f"Database {name}" + (" (kept afterwards: --reuse it)" if options.keep else ""))
    os.environ["PALERMO_DATABASE_URL"] = url
    try:
        _run(url, options)
    finally:
        from django.db import connections

        connections.close_all()
        if not options.keep:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _throwaway_keyring() -> None:
    """The generated rows hold no personal data; a fresh keyring lets the migrations run."""
    if os.environ.get("PALERMO_DATA_KEY_FILE") or os.environ.get("PALERMO_DATA_KEYS"):
        return
    import secrets
    import tempfile

    from palermo.privacy.keys import Keyring, write_keyring

    path = Path(tempfile.mkdtemp()) / "data_keys.json"
    write_keyring(
        Keyring("bench", {"bench": secrets.token_bytes(32)}, secrets.token_bytes(32)), path
    )
    os.environ["PALERMO_DATA_KEY_FILE"] = str(path)


def _run(url: str, options: argparse.Namespace) -> None:
    import django

    _throwaway_keyring()

    django.setup()
    from django.core.management import call_command

    from palermo.accounts.models import Agency, User
    from palermo.jurisdiction.packs import load_pack
    from palermo.reporting.build import build_snapshot
    from palermo.reporting.periods import Period

    call_command("migrate", verbosity=0)
    if not options.reuse:
        load_pack("macao")
        User.objects.create_user("bench", agency=Agency.objects.get(code="mp"))
        print(f"Generating {options.victims:,} victim records and {options.cases:,} criminal cases")
        with psycopg.connect(url, autocommit=True) as connection:
            _generate(connection.cursor(), options.victims, options.cases)
    started_cpu = time.process_time()
    started_server_cpu = _server_cpu_seconds()
    period = Period.of(YEAR)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        build_snapshot(period)
    timings = []
    for _run_number in range(3):
        started = time.perf_counter()
        snapshot = build_snapshot(period)
        timings.append(time.perf_counter() - started)
    best = min(timings)
    cpu = (time.process_time() - started_cpu) / 4
    server_cpu = (_server_cpu_seconds() - started_server_cpu) / 4
    if options.per_figure:
        _time_each_figure(period)
    figure_started = time.perf_counter()
    from palermo.reporting import sources
    from palermo.reporting.counting import count_figure
    from palermo.reporting.definitions import Context

    count_figure(sources.figure("victims_presumed"), Context.for_period(period))  # type: ignore[arg-type]
    figure_seconds = time.perf_counter() - figure_started
    duck_seconds, groups = _duckdb_group_by(url)
    figures = len(snapshot["figures"]) + 1
    print(
        f"Full annual report ({figures} tables incl. trend), PostgreSQL: "
        f"best {best:.2f} s of {', '.join(f'{t:.2f}' for t in timings)} (target ≤ 3 s)"
    )
    print(f"One figure (presumed victims by sex × age), PostgreSQL: {figure_seconds * 1000:.0f} ms")
    print(
        f"Same group-by, bare DuckDB over the same rows in memory: {duck_seconds * 1000:.0f} ms "
        f"({groups} groups)"
    )
    duck_report = duck_seconds * len(queries)
    print(f"CPU per build (mean of 4): client {cpu:.2f} s, PostgreSQL backend {server_cpu:.2f} s")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Machine: {os.cpu_count()} cores, load average {load} (1, 5, 15 min)")
    print(
        f"{len(queries)} SQL queries per report; as many bare DuckDB group-bys: {duck_report:.2f} s"
    )
    print(
        f"Ratio, one figure PostgreSQL / DuckDB: {figure_seconds / duck_seconds:.1f}x; "
        f"whole report / {len(queries)} DuckDB group-bys: {best / duck_report:.1f}x; "
        f"whole report / one DuckDB group-by: {best / duck_seconds:.1f}x"
    )


def _server_cpu_seconds() -> float:
    """CPU time of this connection's PostgreSQL backend (same machine: read from /proc); the
    parallel workers a query may start are not counted, hence NaN when /proc cannot tell."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _time_each_figure(period: object) -> None:
    """Each figure's own time (and queries), slowest first: where a build spends its time."""
    from palermo.reporting import build
    from palermo.reporting.definitions import Context

    context = Context.for_period(period)  # type: ignore[arg-type]
    costs = []
    # Inside the build's own transaction and settings, where the code has them.
    with getattr(build, "_counting_transaction", contextlib.nullcontext)():
        _time_figures(context, costs)
    for seconds, count, key in sorted(costs, reverse=True):
        print(f"  {seconds * 1000:7.1f} ms  {count:2} queries  {key}")


def _time_figures(context: Any, costs: list[tuple[float, int, str]]) -> None:
    """The figures counted together (one statement each batch) on a line per batch, then each
    figure's own queries (its other measures, and the contributors of an amount)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from palermo.reporting import sources
    from palermo.reporting.batching import batches, count_together
    from palermo.reporting.build import _figure_data
    from palermo.reporting.counting import count_figure, count_trend

    figures = sources.figures()
    batched: dict[str, list[Any]] = {}
    for parts in batches(figures):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            count_together(parts, context)
            keys = sorted({figure.key for figure, _measure in parts})
            costs.append((time.perf_counter() - started, len(queries), f"together: {keys}"))
        for figure, measure in parts:
            batched.setdefault(figure.key, []).append(measure)
    for figure in figures:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            table = count_figure(figure, context, {}, batched.get(figure.key, []))
            _figure_data(figure, context, table)
            costs.append((time.perf_counter() - started, len(queries), figure.key))
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        count_trend(sources.trend_measures(), context, context.period.trend())
        costs.append((time.perf_counter() - started, len(queries), "trend"))


if __name__ == "__main__":
    main()
