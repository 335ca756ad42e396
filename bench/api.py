"""Throughput and latency of the API under load, beside a bare Django JSON view in the same run.

For each size N (default 1,000 and 100,000 victim cases) it makes a PostgreSQL database, seeds it
in bulk (bench/api_seed.py), serves it with gunicorn (the product's settings and middleware, plus
one bare JSON view that touches no database: bench/api_site.py, bench/api_urls.py) and drives it
with wrk at 1, 10 and 50 concurrent connections over: the case list (page 1 and the deepest page
offered), a case's detail, the criminal case list, a search by name, and one write (a consent).
It prints p50/p95/p99 latency, requests per second, and each line's share of the bare view's
throughput at the same concurrency.

    .venv/bin/python bench/api.py                      # N = 1,000 and 100,000
    .venv/bin/python bench/api.py --cases 1000 --seconds 5 --workers 4

Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), gunicorn (the `production`
extra; without it, bench/prefork.py's stand-in serves, and says so) and wrk (Debian: apt-get
install wrk).
"""

import argparse
import base64
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = os.environ.get("PALERMO_PG_HOST", "127.0.0.1")
LUA = """
wrk.method = "{method}"
wrk.body = {body}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{{"rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d, "requests": %d}}\\n',
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect
      + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
"""


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    body: str = ""
    caller: str = "worker_token"  # which seeded token the calls carry


def calls(seeded: dict[str, str]) -> list[Call]:
    search = json.dumps({"name": seeded["needle"]})
    return [
        Call("bare JSON view", "GET", "/bench/bare/"),
        Call("API floor (auth only)", "GET", "/api/bench/floor/"),
        Call("case list, page 1", "GET", "/api/v1/victim-cases/"),
        Call("case list, page 40", "GET", "/api/v1/victim-cases/?page=40"),
        Call("case detail", "GET", f"/api/v1/victim-cases/{seeded['case']}/"),
        Call("criminal case list", "GET", "/api/v1/criminal-cases/", caller="police_token"),
        Call("search by name", "POST", "/api/v1/victim-cases/search/", search),
        Call(
            "write (a consent)",
            "POST",
            f"/api/v1/victim-cases/{seeded['case']}/consents/",
            json.dumps({"form": "oral"}),
        ),
    ]


def environment(database: str, home: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "src"))
    from palermo.workdir import new_keyring_json

    return {
        **os.environ,
        "PALERMO_DATABASE_URL": f"postgres://postgres@{HOST}:5432/{database}",
        "DJANGO_SETTINGS_MODULE": "api_site",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'bench'}",
        "PALERMO_DATA_KEYS": new_keyring_json(),
        "PALERMO_HOME": str(home),
        "PALERMO_AUDIT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }


def admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(host=HOST, user="postgres", dbname="postgres", autocommit=True) as db:
        db.execute(statement)


def prepare(n: int, env: dict[str, str], database: str) -> dict[str, str]:
    admin(f"DROP DATABASE IF EXISTS {database}")
    admin(f"CREATE DATABASE {database}")
    subprocess.run([PYTHON, "-m", "django", "migrate", "-v", "0"], env=env, check=True)
    started = time.monotonic()
    seeded = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "api_seed.py"), str(n)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    print(f"  seeded {n:,} cases in {time.monotonic() - started:.0f} s")
    import psycopg

    with psycopg.connect(host=HOST, user="postgres", dbname=database, autocommit=True) as db:
        db.execute("VACUUM ANALYZE")
    return dict(json.loads(seeded.stdout.strip().splitlines()[-1]))


def serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent))
    if gunicorn:
        command = [gunicorn, "palermo.wsgi:application", "-w", str(workers)]
        command += ["-b", f"127.0.0.1:{port}"]
    else:
        print("  gunicorn is not installed: served by bench/prefork.py (compare % of bare only)")
        command = [PYTHON, str(ROOT / "bench" / "prefork.py"), str(port), str(workers)]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(env["PALERMO_HOME"]) / "gunicorn.log", "w"),  # noqa: SIM115
    )
    # Ready when every worker answers (each imports Django on its own): a few bare calls pass.
    for _ in range(300):
        try:
            answered = [
                urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=5).status
                for _ in range(workers * 2)
            ]
            if all(status == 200 for status in answered):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def load(call: Call, seeded: dict[str, str], port: int, clients: int, seconds: int) -> dict:
    body = json.dumps(call.body) if call.body else "nil"
    script = LUA.format(method=call.method, body=body, token=seeded[call.caller])
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    threads = min(clients, 2)
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s"]
    command += ["-s", lua.name]
    result = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{call.path}"], capture_output=True, text=True
    )
    os.unlink(lua.name)
    lines = [line for line in result.stdout.splitlines() if line.startswith('{"rps"')]
    if not lines:
        raise SystemExit(f"wrk failed for {call.name}: {result.stdout}{result.stderr}")
    return dict(json.loads(lines[-1]))


def run(n: int, options: argparse.Namespace) -> None:
    database = f"palermo_bench_{n}"
    with tempfile.TemporaryDirectory() as home:
        env = environment(database, Path(home))
        print(f"\n== {n:,} victim cases ==")
        seeded = prepare(n, env, database)
        server = serve(env, options.port, options.workers)
        try:
            report(seeded, options.port, options.seconds, options.clients, options.only)
        finally:
            server.terminate()
            server.wait()
            admin(f"DROP DATABASE IF EXISTS {database}")


def report(
    seeded: dict[str, str], port: int, seconds: int, clients_run: list[int], only: list[str]
) -> None:
    print(
        f"{'':22}{'clients':>8}{'req/s':>9}{'% bare':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'errors':>8}"
    )
    chosen = [
        call
        for call in calls(seeded)
        if call.name == "bare JSON view" or not only or any(word in call.name for word in only)
    ]
    for clients in clients_run:
        bare = 0.0
        for call in chosen:
            load(call, seeded, port, clients, 1)  # warm the workers and caches
            figures = load(call, seeded, port, clients, seconds)
            bare = bare or figures["rps"]
            share = 100 * figures["rps"] / bare if bare else 0.0
            print(
                f"{call.name:22}{clients:>8}{figures['rps']:>9.0f}{share:>7.0f}%"
                f"{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['p99']:>9.1f}"
                f"{figures['errors']:>8}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument(
        "--only", nargs="+", default=[], help="calls whose name holds one of these words (and bare)"
    )
    options = parser.parse_args()
    for n in options.cases:
        run(n, options)


if __name__ == "__main__":
    main()
