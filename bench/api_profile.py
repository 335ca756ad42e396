"""One request at a time, in process: each call of `bench/api.py` timed (median wall and CPU
milliseconds) with its database query count, and optionally profiled. Less sensitive to a busy
machine than the load run; use it to find per-request overhead.

    .venv/bin/python bench/api_profile.py --cases 1000
    .venv/bin/python bench/api_profile.py --cases 1000 --profile "case detail"

Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), like bench/api.py.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import Call, admin, calls, environment, prepare


def measure(call: Call, seeded: dict[str, str], repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Bearer {seeded[call.caller]}")
    queries: list[str] = []  # counted by a wrapper: each request resets Django's own query log
    took: list[float] = []

    def once() -> int:
        if call.method == "GET":
            return client.get(call.path).status_code
        return client.post(call.path, call.body, content_type="application/json").status_code

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took.append((time.perf_counter() - started) * 1000)

    once()  # warm caches
    with connection.execute_wrapper(count):
        status = once()
    if os.environ.get("SHOW_QUERIES"):
        print(
            "\n".join(f"  {ms:6.1f} ms {sql[:300]}" for ms, sql in zip(took, queries, strict=True))
        )
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        once()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, len(queries), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--profile", help="a call's name: print its cProfile top 30")
    options = parser.parse_args()
    database = f"palermo_profile_{options.cases}"
    with tempfile.TemporaryDirectory() as home:
        env = environment(database, Path(home))
        seeded = prepare(options.cases, env, database)
        os.environ.update(env)
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import django

        django.setup()
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["*"]
        try:
            print(f"{'':22}{'wall ms':>9}{'CPU ms':>9}{'queries':>9}{'status':>8}")
            for call in calls(seeded):
                wall, cpu, queries, status = measure(call, seeded, options.repeat)
                print(f"{call.name:22}{wall:>9.1f}{cpu:>9.1f}{queries:>9}{status:>8}")
                if call.name == options.profile:
                    profiler = cProfile.Profile()
                    profiler.runcall(measure, call, seeded, options.repeat)
                    order = os.environ.get("PROFILE_SORT", "cumulative")
                    pstats.Stats(profiler).sort_stats(order).print_stats(30)
                    if os.environ.get("PROFILE_DUMP"):
                        profiler.dump_stats(os.environ["PROFILE_DUMP"])
        finally:
            from django.db import connections

            connections.close_all()
            admin(f"DROP DATABASE IF EXISTS {database}")


if __name__ == "__main__":
    main()
